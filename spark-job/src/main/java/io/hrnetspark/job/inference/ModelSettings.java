package io.hrnetspark.job.inference;

/**
 * The test settings of a config that decide the numbers of a run, recorded with it.
 *
 * @param flipTest        {@code TEST.FLIP_TEST}, the default of {@code --flip}
 * @param inVisThreshold  {@code TEST.IN_VIS_THRE}, keypoint confidence counted by rescoring
 * @param oksThreshold    {@code TEST.OKS_THRE}, OKS-NMS overlap threshold
 * @param imageThreshold  {@code TEST.IMAGE_THRE}, the default detection box score threshold
 * @param keypoints       the number of keypoints the network predicts
 */
public record ModelSettings(boolean flipTest, double inVisThreshold, double oksThreshold, double imageThreshold,
                            int keypoints) {
}
