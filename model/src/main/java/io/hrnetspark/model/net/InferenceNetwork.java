package io.hrnetspark.model.net;

import io.hrnetspark.model.weights.StateDict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network built as a SameDiff graph with its weights: load once, call {@link #output} many times,
 * {@link #close()} when done. Thread-confined: use one instance per thread.
 */
public final class InferenceNetwork implements AutoCloseable {

    /** Name of the input placeholder: an NCHW float32 batch. */
    public static final String INPUT = "input";

    /** How BatchNorm appears in the graph. */
    public enum GraphForm {
        /** Each BatchNorm folded into the convolution before it, feature maps channels-last (fastest on CPU). */
        FOLDED,
        /** Folded, feature maps NCHW as in PyTorch. */
        FOLDED_NCHW,
        /** NCHW with BatchNorm as separate ops; the variables are exactly the {@code state_dict} entries. */
        UNFOLDED
    }

    private final NetworkDefinition network;
    private final SameDiff graph;
    private final List<String> outputNames;

    private InferenceNetwork(NetworkDefinition network, SameDiff graph) {
        this.network = network;
        this.graph = graph;
        this.outputNames = network.outputNames();
    }

    /**
     * Builds {@code network} with the weights of a checkpoint.
     *
     * @param networkSource what the network was built from (e.g. the config file), for the error message
     * @throws io.hrnetspark.model.InvalidInputException listing missing, unexpected and wrong-shape keys
     */
    public static InferenceNetwork create(NetworkDefinition network, StateDict weights, String networkSource,
                                          GraphForm form) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        weights.asMap().forEach((key, tensor) -> shapes.put(key, tensor.shape()));
        StateDictMatch.of(ParameterLayout.of(network), shapes).requireMatch(weights.source(), networkSource);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        weights.asMap().forEach((key, tensor) -> arrays.put(key, tensor.toINDArray()));
        return build(network, arrays, form);
    }

    /**
     * Builds {@code network} with the weights of {@code stateDict} (official {@code state_dict} keys).
     *
     * @param weightsSource  the weights, for the error message
     * @param networkSource  what the network was built from (e.g. the config file), for the error message
     * @throws io.hrnetspark.model.InvalidInputException listing missing, unexpected and wrong-shape keys
     */
    public static InferenceNetwork create(NetworkDefinition network, Map<String, INDArray> stateDict,
                                          String weightsSource, String networkSource, GraphForm form) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        stateDict.forEach((key, array) -> shapes.put(key, array.shape()));
        StateDictMatch.of(ParameterLayout.of(network), shapes).requireMatch(weightsSource, networkSource);
        return build(network, stateDict, form);
    }

    private static InferenceNetwork build(NetworkDefinition network, Map<String, INDArray> stateDict, GraphForm form) {
        SameDiff graph = SameDiff.create();
        SDVariable input = graph.placeHolder(INPUT, DataType.FLOAT, -1, NetworkDefinition.INPUT_CHANNELS, -1, -1);
        boolean channelsLast = form == GraphForm.FOLDED;
        SameDiffLayers layers = new SameDiffLayers(graph, stateDict, form != GraphForm.UNFOLDED, channelsLast);
        List<SDVariable> outputs = network.forward(layers, channelsLast ? input.permute(0, 2, 3, 1) : input);
        for (int i = 0; i < outputs.size(); i++) {
            SDVariable output = channelsLast ? outputs.get(i).permute(0, 3, 1, 2) : outputs.get(i);
            output.rename(network.outputNames().get(i));
        }
        return new InferenceNetwork(network, graph);
    }

    public NetworkDefinition network() {
        return network;
    }

    /** The SameDiff graph, for inspection and profiling. */
    public SameDiff graph() {
        return graph;
    }

    /**
     * The outputs for {@code batch}, an NCHW float32 tensor with 3 channels whose height and width are
     * multiples of 32, in the order of {@link NetworkDefinition#outputNames()}.
     */
    public List<INDArray> output(INDArray batch) {
        long[] shape = batch.shape();
        if (batch.rank() != 4 || shape[1] != NetworkDefinition.INPUT_CHANNELS || shape[2] % 32 != 0
                || shape[3] % 32 != 0 || batch.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected an NCHW float32 batch with 3 channels and a height and "
                    + "width that are multiples of 32, got " + batch.dataType() + " " + Arrays.toString(shape));
        }
        Map<String, INDArray> result = graph.output(Map.of(INPUT, batch), outputNames);
        List<INDArray> outputs = new ArrayList<>(outputNames.size());
        for (String name : outputNames) {
            // A copy the caller owns: SameDiff may reuse the memory behind a view in its next call.
            outputs.add(result.get(name).dup('c'));
        }
        return outputs;
    }

    /** Frees the native memory of the weights; the network cannot be used afterwards. */
    @Override
    public void close() {
        for (SDVariable variable : graph.variables()) {
            if (variable.getVariableType() == VariableType.VARIABLE && variable.getArr() != null) {
                variable.getArr().close();
            }
        }
    }
}
