package io.hrnetspark.model.predict;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network's outputs for one sample: one {@code [1, C, H, W]} float32 array per network output, in
 * the order of {@code NetworkDefinition.outputNames()}. The arrays belong to the sample alone (no
 * view of a batch), so a batch's memory is not held by the samples that outlive it.
 */
public record SampleOutput(List<INDArray> maps) {

    public SampleOutput {
        maps = List.copyOf(maps);
    }

    /** Output {@code index}. */
    public INDArray map(int index) {
        return maps.get(index);
    }

    /** Output {@code index} as C-order floats (C x H x W). */
    public float[] floats(int index) {
        return maps.get(index).ravel().toFloatVector();
    }
}
