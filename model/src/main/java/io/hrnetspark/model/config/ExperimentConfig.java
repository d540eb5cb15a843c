package io.hrnetspark.model.config;

import java.nio.file.Path;

/**
 * An official experiment YAML file, read into typed records. Each network family
 * ({@code MODEL.NAME}) has its own record with the defaults of its own repository's
 * {@code default.py}; {@link ExperimentConfigReader} picks it.
 */
public sealed interface ExperimentConfig permits TopDownPoseConfig, BottomUpPoseConfig, SegmentationConfig {

    /** The file the settings were read from. */
    Path source();

    /** The {@code MODEL} section. */
    ModelConfig model();

    /** {@code MODEL.NAME}. */
    default String modelName() {
        return model().name();
    }

    /** The HRNet backbone and output-layer settings ({@code MODEL.EXTRA}). */
    default HrnetExtra extra() {
        return model().extra();
    }

    /** The network's input size ([w, h]); pose networks need multiples of 32, segmentation takes any. */
    ImageSize inputSize();

    /** The {@code DATASET} settings. */
    DatasetConfig dataset();
}
