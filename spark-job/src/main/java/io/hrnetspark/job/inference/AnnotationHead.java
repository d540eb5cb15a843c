package io.hrnetspark.job.inference;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.TopDownPoseConfig;

/** The network head of an annotate run, following the config's {@code MODEL.NAME}. */
public enum AnnotationHead {
    /** {@code pose_hrnet}: keypoints of each person box, to {@code predictions}. */
    TOP_DOWN("top-down", TopDownPoseConfig.MODEL_NAME),
    /** {@code pose_higher_hrnet}: every person of an image, to {@code predictions}. */
    BOTTOM_UP("bottom-up", BottomUpPoseConfig.MODEL_NAME),
    /** {@code seg_hrnet}: a class per pixel, one mask per class present, to {@code masks}. */
    SEGMENTATION("segmentation", SegmentationConfig.MODEL_NAME);

    private final String displayName;
    private final String modelName;

    AnnotationHead(String displayName, String modelName) {
        this.displayName = displayName;
        this.modelName = modelName;
    }

    public static AnnotationHead of(ExperimentConfig config) {
        if (config instanceof TopDownPoseConfig) {
            return TOP_DOWN;
        }
        return config instanceof BottomUpPoseConfig ? BOTTOM_UP : SEGMENTATION;
    }

    /** Whether the head estimates poses in person boxes (which the manifest then provides). */
    public boolean takesBoxes() {
        return this == TOP_DOWN;
    }

    /** Whether the head writes keypoints ({@code predictions}) rather than masks. */
    public boolean writesKeypoints() {
        return this != SEGMENTATION;
    }

    @Override
    public String toString() {
        return displayName + " (MODEL.NAME " + modelName + ")";
    }

    /** The config's {@code MODEL.NAME} of this head. */
    public String modelName() {
        return modelName;
    }

    /** "top-down", "bottom-up" or "segmentation". */
    public String displayName() {
        return displayName;
    }
}
