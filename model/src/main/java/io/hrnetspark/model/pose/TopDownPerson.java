package io.hrnetspark.model.pose;

/**
 * A person of top-down pose estimation, in the order of the input boxes.
 *
 * @param box       the person box the pose was estimated in
 * @param keypoints per keypoint {x, y, confidence}, x and y in image pixels, confidence the heatmap maximum
 * @param score     the instance score after rescoring (mean confident-keypoint confidence times box score)
 * @param keptByNms whether the official OKS-NMS among the persons of its image keeps this one
 */
public record TopDownPerson(PersonBox box, float[][] keypoints, double score, boolean keptByNms)
        implements ScoredPose {
}
