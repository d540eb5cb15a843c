package io.hrnetspark.model.pose.bottomup;

import io.hrnetspark.model.image.AffineTransform;

/**
 * The network input of one image at one test scale, as the official {@code get_multi_scale_size}
 * defines it: the image's center (rounded to whole pixels) and scale (its size in units of 200
 * pixels, widened to the input's aspect ratio), and an input size whose shorter side is the
 * {@code INPUT_SIZE} of the smallest scale rounded up to a multiple of 64, times
 * {@code scale / minScale}, and whose longer side keeps the aspect ratio, also rounded up to a
 * multiple of 64 at the smallest scale.
 */
public record ScaledInput(int width, int height, double centerX, double centerY, double scaleX, double scaleY) {

    private static final int ALIGNMENT = 64;

    /**
     * @param inputSize    {@code DATASET.INPUT_SIZE}
     * @param currentScale this scale factor
     * @param minScale     the smallest of {@code TEST.SCALE_FACTOR}
     */
    public static ScaledInput of(int imageWidth, int imageHeight, int inputSize, double currentScale,
                                 double minScale) {
        double centerX = (int) (imageWidth / 2.0 + 0.5);
        double centerY = (int) (imageHeight / 2.0 + 0.5);
        int minInputSize = (int) (alignUp(minScale * inputSize));
        if (imageWidth < imageHeight) {
            int width = (int) (minInputSize * currentScale / minScale);
            int height = (int) ((int) alignUp((double) minInputSize / imageWidth * imageHeight) * currentScale / minScale);
            return new ScaledInput(width, height, centerX, centerY, imageWidth / 200.0,
                    (double) height / width * imageWidth / 200.0);
        }
        int height = (int) (minInputSize * currentScale / minScale);
        int width = (int) ((int) alignUp((double) minInputSize / imageHeight * imageWidth) * currentScale / minScale);
        return new ScaledInput(width, height, centerX, centerY, (double) width / height * imageHeight / 200.0,
                imageHeight / 200.0);
    }

    /** {@code (x + 63) // 64 * 64} in float64. */
    private static double alignUp(double x) {
        return Math.floor((x + ALIGNMENT - 1) / ALIGNMENT) * ALIGNMENT;
    }

    /** Image pixels to input pixels ({@code resize_align_multi_scale}'s warp). */
    public AffineTransform imageToInput() {
        return AffineTransform.imageToOutput(centerX, centerY, scaleX, width, height);
    }

    /** Pixels of a {@code mapWidth x mapHeight} map of this input back to image pixels ({@code get_final_preds}). */
    public AffineTransform mapToImage(int mapWidth, int mapHeight) {
        return AffineTransform.outputToImage(centerX, centerY, scaleX, mapWidth, mapHeight);
    }
}
