package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.TopDownPoseConfig;

/** The network an experiment config describes. */
public final class Networks {

    private Networks() {
    }

    public static NetworkDefinition of(ExperimentConfig config) {
        if (config instanceof TopDownPoseConfig pose) {
            return new TopDownPoseNetwork(pose);
        }
        if (config instanceof SegmentationConfig segmentation) {
            return new SegmentationNetwork(segmentation);
        }
        throw new IllegalArgumentException("No network is built for " + config.modelName() + " configs");
    }
}
