package io.hrnetspark.model.net;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Folds an inference BatchNorm into the convolution before it:
 * {@code s = gamma / sqrt(var + eps)}, {@code W' = W * s} (per output channel),
 * {@code b' = beta + (b - mean) * s} with the convolution's bias {@code b} (0 if it has none).
 * Computed in float64, stored as float32.
 */
final class BatchNormFolding {

    /** PyTorch's {@code BatchNorm2d} default, used by every official HRNet. */
    static final double EPSILON = 1e-5;

    private BatchNormFolding() {
    }

    /** A convolution with its BatchNorm folded in. */
    record FoldedConvolution(INDArray weight, INDArray bias) {
    }

    /**
     * @param weight convolution weight {@code [O, I, kH, kW]}
     * @param gamma    BatchNorm weight; {@code beta} its bias, {@code mean} and {@code variance} its
     *                 running statistics, each {@code [O]}
     */
    static FoldedConvolution fold(INDArray weight, INDArray gamma, INDArray beta, INDArray mean, INDArray variance) {
        return fold(weight, Nd4j.zeros(DataType.DOUBLE, weight.size(0)), gamma, beta, mean, variance);
    }

    /** As {@link #fold(INDArray, INDArray, INDArray, INDArray, INDArray)} for a convolution with bias {@code bias} {@code [O]}. */
    static FoldedConvolution fold(INDArray weight, INDArray bias, INDArray gamma, INDArray beta, INDArray mean,
                                  INDArray variance) {
        INDArray scale = gamma.castTo(DataType.DOUBLE)
                .div(Transforms.sqrt(variance.castTo(DataType.DOUBLE).add(EPSILON), false));
        long outChannels = weight.size(0);
        INDArray w = weight.castTo(DataType.DOUBLE).reshape(outChannels, -1)
                .mulColumnVector(scale.reshape(outChannels, 1)).reshape(weight.shape());
        INDArray b = beta.castTo(DataType.DOUBLE)
                .add(bias.castTo(DataType.DOUBLE).sub(mean.castTo(DataType.DOUBLE)).mul(scale));
        return new FoldedConvolution(w.castTo(DataType.FLOAT), b.castTo(DataType.FLOAT));
    }
}
