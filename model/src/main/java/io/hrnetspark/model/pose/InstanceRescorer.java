package io.hrnetspark.model.pose;

/**
 * The official instance score of a top-down person: the mean confidence of the keypoints above
 * {@code TEST.IN_VIS_THRE} (0 when none is) times the person box score. Computed in float64
 * as the official evaluation does under NumPy 1.x.
 */
public final class InstanceRescorer {

    private final double visibilityThreshold;

    public InstanceRescorer(double visibilityThreshold) {
        this.visibilityThreshold = visibilityThreshold;
    }

    /** @param keypoints per keypoint {x, y, confidence} */
    public double score(float[][] keypoints, double boxScore) {
        double sum = 0;
        int visible = 0;
        for (float[] keypoint : keypoints) {
            double confidence = keypoint[2];
            if (confidence > visibilityThreshold) {
                sum += confidence;
                visible++;
            }
        }
        double mean = visible == 0 ? 0 : sum / visible;
        return mean * boxScore;
    }
}
