package io.hrnetspark.model.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a network description on per-sample feature shapes: records the {@code state_dict} layout
 * in registration order, counts the multiply-adds of every convolution and yields the output
 * shapes, without allocating any tensor.
 */
final class ShapeTracer implements LayerOps<FeatureShape> {

    private final List<ParameterEntry> entries = new ArrayList<>();
    private long multiplyAdds;

    /** The result of tracing a network at its configured input size. */
    record Trace(ParameterLayout layout, FeatureShape input, List<FeatureShape> outputs, long multiplyAdds) {
    }

    static Trace trace(NetworkDefinition network) {
        return trace(network, new FeatureShape(NetworkDefinition.INPUT_CHANNELS,
                network.inputSize().height(), network.inputSize().width()));
    }

    static Trace trace(NetworkDefinition network, FeatureShape input) {
        ShapeTracer tracer = new ShapeTracer();
        List<FeatureShape> outputs = network.forward(tracer, input);
        return new Trace(new ParameterLayout(tracer.entries), input, List.copyOf(outputs), tracer.multiplyAdds);
    }

    @Override
    public FeatureShape convBn(String conv, String bn, FeatureShape x, int inChannels, int outChannels,
                               int kernel, int stride) {
        FeatureShape y = conv(conv, x, inChannels, outChannels, kernel, stride, false);
        batchNorm(bn, outChannels);
        return y;
    }

    @Override
    public FeatureShape convWithBias(String conv, FeatureShape x, int inChannels, int outChannels, int kernel) {
        return conv(conv, x, inChannels, outChannels, kernel, 1, true);
    }

    @Override
    public FeatureShape convWithBiasBn(String conv, String bn, FeatureShape x, int inChannels, int outChannels,
                                       int kernel) {
        FeatureShape y = conv(conv, x, inChannels, outChannels, kernel, 1, true);
        batchNorm(bn, outChannels);
        return y;
    }

    @Override
    public FeatureShape relu(FeatureShape x) {
        return x;
    }

    @Override
    public FeatureShape add(FeatureShape a, FeatureShape b) {
        if (!a.equals(b)) {
            throw new IllegalArgumentException("Cannot add feature maps of shapes " + a + " and " + b
                    + "; the input height and width must be multiples of 32");
        }
        return a;
    }

    @Override
    public FeatureShape upsampleNearest(FeatureShape x, int factor) {
        return new FeatureShape(x.channels(), x.height() * factor, x.width() * factor);
    }

    @Override
    public FeatureShape resizeBilinear(FeatureShape x, FeatureShape like, boolean alignCorners) {
        return new FeatureShape(x.channels(), like.height(), like.width());
    }

    @Override
    public FeatureShape concat(List<FeatureShape> maps) {
        int channels = 0;
        for (FeatureShape map : maps) {
            if (map.height() != maps.get(0).height() || map.width() != maps.get(0).width()) {
                throw new IllegalArgumentException("Cannot concatenate feature maps of shapes " + maps);
            }
            channels += map.channels();
        }
        return new FeatureShape(channels, maps.get(0).height(), maps.get(0).width());
    }

    private FeatureShape conv(String name, FeatureShape x, int inChannels, int outChannels, int kernel,
                              int stride, boolean bias) {
        if (x.channels() != inChannels) {
            throw new IllegalStateException(name + " expects " + inChannels + " channels, gets " + x);
        }
        int padding = kernel / 2;
        FeatureShape y = new FeatureShape(outChannels, (x.height() + 2 * padding - kernel) / stride + 1,
                (x.width() + 2 * padding - kernel) / stride + 1);
        add(name + ".weight", ParameterEntry.Kind.PARAMETER, outChannels, inChannels, kernel, kernel);
        if (bias) {
            add(name + ".bias", ParameterEntry.Kind.PARAMETER, outChannels);
        }
        multiplyAdds += (long) y.channels() * y.height() * y.width() * inChannels * kernel * kernel;
        return y;
    }

    private void batchNorm(String bn, int channels) {
        add(bn + ".weight", ParameterEntry.Kind.PARAMETER, channels);
        add(bn + ".bias", ParameterEntry.Kind.PARAMETER, channels);
        add(bn + ".running_mean", ParameterEntry.Kind.RUNNING_STATISTIC, channels);
        add(bn + ".running_var", ParameterEntry.Kind.RUNNING_STATISTIC, channels);
        add(bn + ".num_batches_tracked", ParameterEntry.Kind.BATCH_COUNTER);
    }

    private void add(String key, ParameterEntry.Kind kind, long... shape) {
        entries.add(new ParameterEntry(key, shape, kind));
    }
}
