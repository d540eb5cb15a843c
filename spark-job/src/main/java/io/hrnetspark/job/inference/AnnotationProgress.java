package io.hrnetspark.job.inference;

/** Receives progress from partition inference (Spark accumulators in a job). */
public interface AnnotationProgress {

    AnnotationProgress NONE = new AnnotationProgress() {
        @Override
        public void imageDone() {
        }

        @Override
        public void samplesPredicted(long samples) {
        }
    };

    void imageDone();

    /** Network samples (crops and their mirror images, images at each scale, windows) through a forward pass. */
    void samplesPredicted(long samples);
}
