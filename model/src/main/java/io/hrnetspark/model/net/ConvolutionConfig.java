package io.hrnetspark.model.net;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/** ND4J's settings for an HRNet convolution: square kernel, zero padding {@code kernel / 2}. */
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
}
