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
}
