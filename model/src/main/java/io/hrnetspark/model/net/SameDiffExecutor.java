package io.hrnetspark.model.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network built as a SameDiff graph (see {@link SameDiffLayers}) with an NCHW placeholder input. */
final class SameDiffExecutor implements Executor {

    static final String INPUT = "input";

    private final SameDiff graph;
    private final List<String> outputNames;

    private SameDiffExecutor(SameDiff graph, List<String> outputNames) {
        this.graph = graph;
        this.outputNames = outputNames;
    }

    /** The graph whose variables are the {@code state_dict} entries (NCHW, BatchNorm as ops). */
    static SameDiffExecutor unfolded(NetworkDefinition network, Map<String, INDArray> stateDict) {
        SameDiff graph = SameDiff.create();
        return build(network, graph, SameDiffLayers.unfolded(graph, stateDict), false);
    }

    /** The graph with BatchNorm folded into the convolutions, NCHW or channels-last inside. */
    static SameDiffExecutor folded(NetworkDefinition network, Map<String, INDArray> stateDict, boolean channelsLast) {
        SameDiff graph = SameDiff.create();
        return build(network, graph,
                SameDiffLayers.folded(graph, FoldedConvolutions.of(network, stateDict, channelsLast), channelsLast),
                channelsLast);
    }

    private static SameDiffExecutor build(NetworkDefinition network, SameDiff graph, SameDiffLayers layers,
                                          boolean channelsLast) {
        SDVariable input = graph.placeHolder(INPUT, DataType.FLOAT, -1, NetworkDefinition.INPUT_CHANNELS, -1, -1);
        List<SDVariable> outputs = network.forward(layers, channelsLast ? input.permute(0, 2, 3, 1) : input);
        for (int i = 0; i < outputs.size(); i++) {
            SDVariable output = channelsLast ? outputs.get(i).permute(0, 3, 1, 2) : outputs.get(i);
            output.rename(network.outputNames().get(i));
        }
        return new SameDiffExecutor(graph, network.outputNames());
    }

    SameDiff graph() {
        return graph;
    }

    @Override
    public List<INDArray> output(INDArray batch, OpTimes times) {
        if (times != null) {
            graph.setListeners(new OpTimingListener(times));
        }
        try {
            Map<String, INDArray> result = graph.output(Map.of(INPUT, batch), outputNames);
            List<INDArray> outputs = new ArrayList<>(outputNames.size());
            for (String name : outputNames) {
                // A copy the caller owns: SameDiff may reuse the memory behind a view in its next call.
                outputs.add(result.get(name).dup('c'));
            }
            return outputs;
        } finally {
            if (times != null) {
                graph.setListeners();
            }
        }
    }

    @Override
    public void close() {
        for (SDVariable variable : graph.variables()) {
            if (variable.getVariableType() == VariableType.VARIABLE && variable.getArr() != null) {
                variable.getArr().close();
            }
        }
    }
}
