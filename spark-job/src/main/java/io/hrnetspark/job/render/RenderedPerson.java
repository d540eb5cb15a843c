package io.hrnetspark.job.render;

import java.util.Locale;

/**
 * A person to draw.
 *
 * @param box       x, y, width, height in pixels
 * @param keypoints K rows of {x, y, score}
 * @param label     text drawn at the box's top-left corner
 */
public record RenderedPerson(double[] box, float[][] keypoints, String label) {

    /** A detection labelled with its instance score. */
    public static RenderedPerson scored(double[] box, float[][] keypoints, double score) {
        return new RenderedPerson(box, keypoints, String.format(Locale.ROOT, "%.2f", score));
    }
}
