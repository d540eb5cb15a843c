package io.hrnetspark.job.inference;

/**
 * The pose predicted for one person box.
 *
 * @param keypoints K rows of {x, y, confidence} in image pixels
 * @param score     the instance score after rescoring (box score times the mean confident keypoint score)
 */
public record PosePrediction(float[][] keypoints, double score) {
}
