package io.hrnetspark.model.config;

import java.util.List;

/**
 * {@code MODEL.EXTRA} as the HRNet families share it: the backbone stages, the kernel of the output
 * convolution ({@code FINAL_CONV_KERNEL}, 1 or 3) and the layer prefixes that ImageNet pre-training
 * initialises ({@code PRETRAINED_LAYERS}; training only, kept for completeness).
 */
public record HrnetExtra(HrnetBackboneConfig backbone, int finalConvKernel, List<String> pretrainedLayers) {

    public HrnetExtra {
        pretrainedLayers = List.copyOf(pretrainedLayers);
        if (finalConvKernel != 1 && finalConvKernel != 3) {
            throw new IllegalArgumentException("FINAL_CONV_KERNEL must be 1 or 3: " + finalConvKernel);
        }
    }
}
