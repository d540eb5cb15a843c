package io.hrnetspark.model.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code hrnet-spark inspect} prints about a network: parameter counts, the multiply-adds of
 * one forward pass of one sample at the configured input size (convolutions only; BatchNorm is
 * folded into them for inference), the input and output shapes (batch 1, NCHW), and the bytes of the
 * feature-map buffers the default execution plans for one sample.
 */
public record NetworkSummary(long trainableParameters, long stateDictElements, int stateDictEntries,
                             long multiplyAdds, long[] inputShape, List<String> outputNames,
                             List<long[]> outputShapes, long bufferBytes) {

    public NetworkSummary {
        inputShape = inputShape.clone();
        outputNames = List.copyOf(outputNames);
        outputShapes = outputShapes.stream().map(long[]::clone).toList();
    }

    public static NetworkSummary of(NetworkDefinition network) {
        ShapeTracer.Trace trace = ShapeTracer.trace(network);
        ParameterLayout layout = trace.layout();
        return new NetworkSummary(layout.trainableParameters(), layout.stateDictElements(),
                layout.entries().size(), trace.multiplyAdds(), trace.input().nchw(1), network.outputNames(),
                trace.outputs().stream().map(shape -> shape.nchw(1)).toList(),
                DirectExecutor.bufferBytes(network, trace.input().nchw(1)));
    }

    /** Multiply-adds of one sample in units of 10^9. */
    public double gigaMultiplyAdds() {
        return multiplyAdds / 1e9;
    }

    /** The summary as printable lines. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "parameters:      %,d trainable (%,d state_dict elements in %d entries)",
                trainableParameters, stateDictElements, stateDictEntries));
        lines.add(String.format(Locale.ROOT, "multiply-adds:   %.3f G per sample (%,d)", gigaMultiplyAdds(), multiplyAdds));
        lines.add("input:           " + Arrays.toString(inputShape));
        lines.add(String.format(Locale.ROOT, "buffers:         %.1f MB of feature maps for one sample (a batch of N "
                + "about N times)", bufferBytes / 1e6));
        for (int i = 0; i < outputNames.size(); i++) {
            lines.add(String.format(Locale.ROOT, "output %-9s %s", outputNames.get(i) + ":",
                    Arrays.toString(outputShapes.get(i))));
        }
        return lines;
    }
}
