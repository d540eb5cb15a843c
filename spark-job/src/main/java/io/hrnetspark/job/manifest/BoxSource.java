package io.hrnetspark.job.manifest;

/** Where the person boxes come from; recorded with every run. */
public sealed interface BoxSource {

    /** The value of {@code --boxes} that selects this source. */
    String describe();

    /** Ground-truth person boxes of the COCO annotation file, score 1, as the official GT-box test path. */
    record GroundTruth() implements BoxSource {
        @Override
        public String describe() {
            return "gt";
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
