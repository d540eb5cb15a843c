package io.hrnetspark.model.pose;

/** A person's keypoints in image pixels with an instance score, what a COCO keypoint result holds. */
public interface ScoredPose {

    /** Per keypoint {x, y, confidence}; x and y in image pixels. */
    float[][] keypoints();

    /** The instance score. */
    double score();
}
