package io.hrnetspark.model.net;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/** ND4J's settings for the convolutions of HRNet: square kernels, sizes kept or halved (or doubled, transposed). */
final class ConvolutionConfig {

    private ConvolutionConfig() {
    }

    /**
     * @param channelsLast NHWC feature maps with {@code [O, kH, kW, I]} weights; otherwise NCHW with
     *                     PyTorch's {@code [O, I, kH, kW]}
     */
    static Conv2DConfig of(int kernel, int stride, boolean channelsLast) {
        return Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride)
                .pH(kernel / 2).pW(kernel / 2)
                .dataFormat(channelsLast ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                .weightsFormat(channelsLast ? WeightsFormat.OYXI : WeightsFormat.OIYX).build();
    }

    /**
     * A stride-2 transposed convolution of an even kernel with padding {@code (kernel - 2) / 2}, which
     * doubles the size; weights {@code [kH, kW, O, I]} (PyTorch's {@code [I, O, kH, kW]} permuted 2, 3, 1, 0).
     */
    static DeConv2DConfig transposed(int kernel, boolean channelsLast) {
        return DeConv2DConfig.builder().kH(kernel).kW(kernel).sH(2).sW(2)
                .pH((kernel - 2) / 2).pW((kernel - 2) / 2).dH(1).dW(1)
                .dataFormat(channelsLast ? DeConv2DConfig.NHWC : DeConv2DConfig.NCHW).build();
    }
}
