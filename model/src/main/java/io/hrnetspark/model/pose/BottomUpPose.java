package io.hrnetspark.model.pose;

/**
 * A person found by bottom-up pose estimation.
 *
 * @param keypoints per keypoint {x, y, confidence}: x and y in image pixels, confidence the heatmap
 *                  value at the keypoint (0 for a keypoint the person lacks, whose x and y are then
 *                  the image position of the maps' origin, as in the official results)
 * @param score     the person score: the mean heatmap value of its grouped keypoints over all keypoints
 */
public record BottomUpPose(float[][] keypoints, double score) implements ScoredPose {

    /**
     * The extent {@code [x, y, w, h]} of the keypoints the person has (confidence above 0), in image
     * pixels; of all keypoints when it has none.
     */
    public double[] extent() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (float[] keypoint : keypoints) {
            any |= keypoint[2] > 0;
        }
        for (float[] keypoint : keypoints) {
            if (!any || keypoint[2] > 0) {
                minX = Math.min(minX, keypoint[0]);
                minY = Math.min(minY, keypoint[1]);
                maxX = Math.max(maxX, keypoint[0]);
                maxY = Math.max(maxY, keypoint[1]);
            }
        }
        return new double[] {minX, minY, maxX - minX, maxY - minY};
    }
}
