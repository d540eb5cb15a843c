package io.hrnetspark.model.config;

import java.nio.file.Path;

/**
 * A bottom-up pose experiment ({@code MODEL.NAME: pose_higher_hrnet}) of
 * {@code HigherHRNet-Human-Pose-Estimation}, e.g. {@code experiments/coco/higher_hrnet/w32_512_adam_lr1e-3.yaml}.
 */
public record BottomUpPoseConfig(Path source, HigherHrnetModelConfig model, BottomUpDataset data,
                                 BottomUpTestConfig test) implements ExperimentConfig {

    /** The {@code MODEL.NAME} of this family. */
    public static final String MODEL_NAME = "pose_higher_hrnet";

    /** {@code INPUT_SIZE} x {@code INPUT_SIZE}, the size the official code summarises the network at. */
    @Override
    public ImageSize inputSize() {
        return new ImageSize(data.inputSize(), data.inputSize());
    }

    /** The dataset; the official bottom-up code always feeds RGB. */
    @Override
    public DatasetConfig dataset() {
        return new DatasetConfig(data.name(), true);
    }
}
