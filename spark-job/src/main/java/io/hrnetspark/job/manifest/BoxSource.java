package io.hrnetspark.job.manifest;

/** Where the person boxes come from; recorded with every run. */
public sealed interface BoxSource {

    /** The value of {@code --boxes} that selects this source. */
    String describe();

    /**
     * Ground-truth person boxes of the COCO annotation file, score 1: as the official GT-box test path
     * ({@code gt}: non-crowd people with at least one labelled keypoint), or every non-crowd person box
     * ({@code gt-all}: a file of person boxes without keypoints, the usual input for new data).
     */
    record GroundTruth(boolean everyPerson) implements BoxSource {

        /** The official test path's choice. */
        public static GroundTruth official() {
            return new GroundTruth(false);
        }

        @Override
        public String describe() {
            return everyPerson ? "gt-all" : "gt";
        }
    }

    /** Person detections (COCO results JSON, category 1) with a score at or above the threshold. */
    record Detections(String path, double scoreThreshold) implements BoxSource {
        @Override
        public String describe() {
            return path;
        }
    }
}
