package io.hrnetspark.job.inference;

import java.io.Serializable;

/**
 * The test settings of a config that decide the numbers of a run, recorded with it.
 *
 * @param head            the network head, from {@code MODEL.NAME}
 * @param flipTest        {@code TEST.FLIP_TEST}, the default of {@code --flip}
 * @param inVisThreshold  {@code TEST.IN_VIS_THRE}, keypoint confidence counted by rescoring (top-down), else null
 * @param oksThreshold    {@code TEST.OKS_THRE}, OKS-NMS overlap threshold (top-down), else null
 * @param imageThreshold  {@code TEST.IMAGE_THRE}, the default detection box score threshold (top-down), else null
 * @param keypoints       the number of keypoints the network predicts, 0 for segmentation
 * @param dataset         the keypoint dataset ({@code coco}, {@code crowdpose}: what {@code --evaluate} scores
 *                        against) or the segmentation classes ({@code cityscapes}, {@code lip})
 */
public record ModelSettings(AnnotationHead head, boolean flipTest, Double inVisThreshold, Double oksThreshold,
                            Double imageThreshold, int keypoints, String dataset) implements Serializable {

    /** The settings of a top-down config. */
    public static ModelSettings topDown(boolean flipTest, double inVisThreshold, double oksThreshold,
                                        double imageThreshold, int keypoints, String dataset) {
        return new ModelSettings(AnnotationHead.TOP_DOWN, flipTest, inVisThreshold, oksThreshold, imageThreshold,
                keypoints, dataset);
    }
}
