package io.hrnetspark.model.config;

/**
 * {@code MODEL} of an HRNetV2 segmentation experiment: network name, whether every bilinear resize
 * aligns corners ({@code ALIGN_CORNERS}; the official default is true, every official experiment
 * file sets false) and the HRNet settings, {@code STAGE1} included.
 */
public record SegmentationModelConfig(String name, boolean alignCorners, HrnetExtra extra)
        implements ModelConfig {
}
