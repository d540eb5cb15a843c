package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.net.BatchNormFolding.FoldedConvolution;
import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.ExecutionPlan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The (transposed) convolutions of a network for oneDNN: BatchNorm folded in float64, weights converted
 * once at load to the precision's type ({@code [O, I, kH, kW]}; bfloat16 rounds to nearest even) and
 * reordered once into each blocked layout a primitive asks for; biases stay float32.
 */
final class OneDnnConvolutions implements AutoCloseable {

    private final memory.data_type type;
    private final engine engine;
    private final stream stream;
    private final Map<String, memory> weights = new HashMap<>();
    private final Map<String, memory> biases = new HashMap<>();
    private final Map<String, List<memory>> reordered = new HashMap<>();

    /**
     * @param stateDict checked against the network's layout
     * @param type      of the weights: bf16 or f32
     */
    OneDnnConvolutions(NetworkDefinition network, Map<String, INDArray> stateDict, memory.data_type type,
                       engine engine, stream stream) {
        this.type = type;
        this.engine = engine;
        this.stream = stream;
        ImageSize size = network.inputSize();
        Map<String, Kind> kinds = new HashMap<>();
        for (Step step : ExecutionPlan.record(network,
                new FeatureShape(NetworkDefinition.INPUT_CHANNELS, size.height(), size.width())).steps()) {
            if (step.name() != null) {
                kinds.put(step.name(), step.kind());
            }
        }
        Map<String, FoldedConvolution> folded = FoldedConvolutions.of(network, stateDict, false);
        try {
            folded.forEach((name, conv) -> {
                weights.put(name, converted(conv.weight(), kinds.get(name) == Kind.DECONVOLUTION));
                biases.put(name, copy(conv.bias()));
            });
        } finally {
            FoldedConvolutions.arrays(folded).forEach(INDArray::close);
        }
    }

    /** The weights of {@code name} in the layout {@code desc} (a primitive's weights_desc). */
    memory weights(String name, memory.desc desc) {
        List<memory> layouts = reordered.computeIfAbsent(name, k -> new ArrayList<>());
        for (memory layout : layouts) {
            if (layout.get_desc().equals(desc)) {
                return layout;
            }
        }
        memory layout = new memory(desc, engine);
        memory plain = weights.get(name);
        try (reorder reorder = new reorder(plain, layout)) {
            reorder.execute(stream, plain, layout);
        }
        layouts.add(layout);
        return layout;
    }

    /** The float32 bias of {@code name}. */
    memory bias(String name) {
        return biases.get(name);
    }

    @Override
    public void close() {
        reordered.values().forEach(layouts -> layouts.forEach(memory::close));
        weights.values().forEach(memory::close);
        biases.values().forEach(memory::close);
        reordered.clear();
        weights.clear();
        biases.clear();
    }

    /**
     * A folded float32 weight as a new {@code [O, I, kH, kW]} memory of the weight type: convolutions
     * come as {@code [O, I, kH, kW]}, transposed convolutions as {@code [kH, kW, O, I]} (O: output channels).
     */
    private memory converted(INDArray weight, boolean transposed) {
        long[] s = weight.shape();
        long[] dims = transposed ? new long[] {s[2], s[3], s[0], s[1]} : s;
        long[] strides = transposed
                ? new long[] {s[3], 1, s[1] * s[2] * s[3], s[2] * s[3]}
                : new long[] {s[1] * s[2] * s[3], s[2] * s[3], s[3], 1};
        memory.desc plain = new memory.desc(dims, type, memory.format_tag.abcd);
        return converted(weight, new memory.desc(dims, memory.data_type.f32, strides), plain);
    }

    private memory copy(INDArray bias) {
        memory.desc desc = new memory.desc(new long[] {bias.length()}, memory.data_type.f32, memory.format_tag.a);
        return converted(bias, desc, desc);
    }

    /** {@code array} (C order, described by {@code from}) reordered into a new oneDNN-owned memory. */
    private memory converted(INDArray array, memory.desc from, memory.desc to) {
        if (array.offset() != 0 || array.ordering() != 'c') {
            throw new IllegalStateException("Folded weights must be dense C-order arrays");
        }
        memory source = new memory(from, engine, array.data().addressPointer());
        memory target = new memory(to, engine);
        try (reorder reorder = new reorder(source, target)) {
            reorder.execute(stream, source, target);
        }
        source.close();
        return target;
    }
}
