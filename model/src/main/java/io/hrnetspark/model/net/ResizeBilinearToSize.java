package io.hrnetspark.model.net;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * libnd4j's {@code resize_bilinear} on an NHWC map with the target size as a graph input, so a
 * SameDiff graph can resize to the size of another map whatever the input size (ND4J's own
 * {@code ResizeBilinear} takes the size as fixed numbers). PyTorch's {@code align_corners=False} is
 * TensorFlow's half-pixel-centre sampling.
 */
final class ResizeBilinearToSize extends DynamicCustomOp {

    /** For ND4J's op registry. */
    public ResizeBilinearToSize() {
    }

    /**
     * @param nhwc the map to resize
     * @param size int32 {@code [height, width]}
     */
    ResizeBilinearToSize(SameDiff sd, SDVariable nhwc, SDVariable size, boolean alignCorners) {
        super(null, sd, new SDVariable[] {nhwc, size});
        addBArgument(alignCorners, !alignCorners);
    }

    @Override
    public String opName() {
        return "resize_bilinear";
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        return List.of(inputTypes.get(0));
    }
}
