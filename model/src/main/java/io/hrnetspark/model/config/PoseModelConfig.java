package io.hrnetspark.model.config;

/**
 * {@code MODEL} of a top-down pose experiment: network name, joint count, input size and heatmap
 * size ([w, h]; the heatmap is a quarter of the input) and the HRNet settings.
 */
public record PoseModelConfig(String name, int numJoints, ImageSize imageSize, ImageSize heatmapSize,
                              HrnetExtra extra) implements ModelConfig {

    public PoseModelConfig {
        if (numJoints < 1) {
            throw new IllegalArgumentException("NUM_JOINTS must be positive: " + numJoints);
        }
    }
}
