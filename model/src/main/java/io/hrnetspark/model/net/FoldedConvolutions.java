package io.hrnetspark.model.net;

import io.hrnetspark.model.net.BatchNormFolding.FoldedConvolution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolutions of a network ready for inference, by convolution name: each BatchNorm folded into
 * the convolution before it, the output convolutions with their own bias, weights in PyTorch's
 * {@code [O, I, kH, kW]} or, channels-last, in {@code [O, kH, kW, I]}. Found by running the
 * network description, so every network built from {@link LayerOps} gets them the same way.
 */
final class FoldedConvolutions implements LayerOps<Object> {

    private static final Object FEATURES = new Object();

    private final Map<String, INDArray> stateDict;
    private final boolean channelsLast;
    private final Map<String, FoldedConvolution> convolutions = new HashMap<>();

    private FoldedConvolutions(Map<String, INDArray> stateDict, boolean channelsLast) {
        this.stateDict = stateDict;
        this.channelsLast = channelsLast;
    }

    /** The folded convolutions of {@code network}; {@code stateDict} must have been checked against its layout. */
    static Map<String, FoldedConvolution> of(NetworkDefinition network, Map<String, INDArray> stateDict,
                                             boolean channelsLast) {
        FoldedConvolutions folder = new FoldedConvolutions(stateDict, channelsLast);
        network.forward(folder, FEATURES);
        return Map.copyOf(folder.convolutions);
    }

    @Override
    public Object convBn(String conv, String bn, Object x, int inChannels, int outChannels, int kernel, int stride) {
        FoldedConvolution folded = BatchNormFolding.fold(tensor(conv + ".weight"), tensor(bn + ".weight"),
                tensor(bn + ".bias"), tensor(bn + ".running_mean"), tensor(bn + ".running_var"));
        convolutions.put(conv, new FoldedConvolution(layout(folded.weight()), folded.bias()));
        return x;
    }

    @Override
    public Object convWithBias(String conv, Object x, int inChannels, int outChannels, int kernel) {
        convolutions.put(conv, new FoldedConvolution(layout(tensor(conv + ".weight").castTo(DataType.FLOAT)),
                tensor(conv + ".bias").castTo(DataType.FLOAT).dup()));
        return x;
    }

    @Override
    public Object convWithBiasBn(String conv, String bn, Object x, int inChannels, int outChannels, int kernel) {
        FoldedConvolution folded = BatchNormFolding.fold(tensor(conv + ".weight"), tensor(conv + ".bias"),
                tensor(bn + ".weight"), tensor(bn + ".bias"), tensor(bn + ".running_mean"),
                tensor(bn + ".running_var"));
        convolutions.put(conv, new FoldedConvolution(layout(folded.weight()), folded.bias()));
        return x;
    }

    @Override
    public Object relu(Object x) {
        return x;
    }

    @Override
    public Object add(Object a, Object b) {
        return a;
    }

    @Override
    public Object upsampleNearest(Object x, int factor) {
        return x;
    }

    @Override
    public Object resizeBilinear(Object x, Object like, boolean alignCorners) {
        return x;
    }

    @Override
    public Object concat(List<Object> maps) {
        return maps.get(0);
    }

    /** A PyTorch {@code [O, I, kH, kW]} weight as a new array in this layout. */
    private INDArray layout(INDArray oiyx) {
        return channelsLast ? oiyx.permute(0, 2, 3, 1).dup('c') : oiyx.dup('c');
    }

    private INDArray tensor(String key) {
        INDArray array = stateDict.get(key);
        if (array == null) {
            throw new IllegalStateException("State dict was not checked against the layout: no " + key);
        }
        return array;
    }

    /** Every array, for closing. */
    static List<INDArray> arrays(Map<String, FoldedConvolution> convolutions) {
        return convolutions.values().stream().flatMap(c -> List.of(c.weight(), c.bias()).stream()).toList();
    }
}
