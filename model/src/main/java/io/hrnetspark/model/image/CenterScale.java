package io.hrnetspark.model.image;

import io.hrnetspark.model.InvalidInputException;
import java.util.Arrays;

/**
 * A person region as the official top-down code describes it: center in image pixels and scale
 * in units of {@link #PIXEL_STD} pixels, both float32, padded to the network input's aspect ratio
 * and enlarged by 1.25 ({@code COCODataset._xywh2cs}).
 */
public record CenterScale(float centerX, float centerY, float scaleX, float scaleY) {

    /** Pixels per scale unit. */
    public static final double PIXEL_STD = 200;

    private static final float PADDING = 1.25f;

    /**
     * The center and scale of box (x, y, width, height) for a network input of
     * {@code inputWidth x inputHeight}: the box is widened or heightened to the input's aspect
     * ratio about its center, divided by 200 and enlarged by 1.25.
     *
     * @throws InvalidInputException when the box has a non-finite value or zero or negative size
     */
    public static CenterScale fromBox(double x, double y, double width, double height,
                                      int inputWidth, int inputHeight) {
        double[] box = {x, y, width, height};
        if (!Arrays.stream(box).allMatch(Double::isFinite)) {
            throw new InvalidInputException("Person box [x, y, w, h] = " + Arrays.toString(box)
                    + " has a non-finite value: give four finite numbers.");
        }
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("Person box [x, y, w, h] = " + Arrays.toString(box)
                    + " has zero or negative size: give a width and height above 0.");
        }
        double aspectRatio = inputWidth * 1.0 / inputHeight;
        float centerX = (float) (x + width * 0.5);
        float centerY = (float) (y + height * 0.5);
        double w = width;
        double h = height;
        if (w > aspectRatio * h) {
            h = w * 1.0 / aspectRatio;
        } else if (w < aspectRatio * h) {
            w = h * aspectRatio;
        }
        float scaleX = (float) (w / PIXEL_STD);
        float scaleY = (float) (h / PIXEL_STD);
        // The official code treats center x == -1 as "no box" and skips the padding; kept for equality.
        if (centerX != -1) {
            scaleX *= PADDING;
            scaleY *= PADDING;
        }
        return new CenterScale(centerX, centerY, scaleX, scaleY);
    }

    /** The region's area in square pixels as the official evaluation computes it: prod(scale * 200) in float32. */
    public float area() {
        return (scaleX * (float) PIXEL_STD) * (scaleY * (float) PIXEL_STD);
    }
}
