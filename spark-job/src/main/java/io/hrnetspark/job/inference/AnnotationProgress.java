package io.hrnetspark.job.inference;

/** Receives progress from partition inference (Spark accumulators in a job). */
public interface AnnotationProgress {

    AnnotationProgress NONE = new AnnotationProgress() {
        @Override
        public void imageDone() {
        }

        @Override
        public void cropsPredicted(int crops) {
        }
    };

    void imageDone();

    void cropsPredicted(int crops);
}
