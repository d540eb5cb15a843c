package io.hrnetspark.model.pose;

/**
 * A person's estimated pose.
 *
 * @param box       the person box the pose was estimated in
 * @param keypoints per keypoint {x, y, confidence}, x and y in image pixels, confidence the heatmap maximum
 * @param score     the instance score after rescoring (mean confident-keypoint confidence times box score)
 */
public record PersonPose(PersonBox box, float[][] keypoints, double score) {
}
