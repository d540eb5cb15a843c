package io.hrnetspark.job.render;

/**
 * A person to draw.
 *
 * @param box       x, y, width, height in pixels
 * @param keypoints K rows of {x, y, score}
 * @param score     instance score
 */
public record RenderedPerson(double[] box, float[][] keypoints, double score) {
}
