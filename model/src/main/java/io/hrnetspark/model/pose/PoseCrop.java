package io.hrnetspark.model.pose;

import io.hrnetspark.model.image.CenterScale;

/**
 * One person ready for the network, independent of the image it was cut from (which may be
 * closed before the batch runs).
 *
 * @param box    the person box
 * @param region the box's center and scale, used to map the heatmaps back to the image
 * @param width  crop width (the network's input width)
 * @param height crop height
 * @param chw    the normalised crop, 3 x height x width floats
 */
public record PoseCrop(PersonBox box, CenterScale region, int width, int height, float[] chw) {

    public PoseCrop {
        if (chw.length != 3 * width * height) {
            throw new IllegalArgumentException("A " + width + "x" + height + " crop needs " + 3 * width * height
                    + " floats, got " + chw.length);
        }
    }
}
