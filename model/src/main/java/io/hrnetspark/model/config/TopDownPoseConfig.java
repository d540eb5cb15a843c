package io.hrnetspark.model.config;

import java.nio.file.Path;

/**
 * A top-down pose experiment ({@code MODEL.NAME: pose_hrnet}) of
 * {@code deep-high-resolution-net.pytorch}, e.g. {@code experiments/coco/hrnet/w32_256x192_adam_lr1e-3.yaml}.
 */
public record TopDownPoseConfig(Path source, PoseModelConfig model, DatasetConfig dataset,
                                TopDownTestConfig test) implements ExperimentConfig {

    /** The {@code MODEL.NAME} of this family. */
    public static final String MODEL_NAME = "pose_hrnet";

    @Override
    public ImageSize inputSize() {
        return model.imageSize();
    }
}
