package io.hrnetspark.model.pose;

import io.hrnetspark.model.image.AffineTransform;
import io.hrnetspark.model.image.CenterScale;

/**
 * Heatmaps to keypoints in image pixels, as the official {@code get_final_preds}: the first maximum
 * of each row-major map gives (x, y) and the confidence; a maximum {@code <= 0} puts the keypoint
 * at heatmap (0, 0); with {@code TEST.POST_PROCESS} a keypoint strictly inside the map moves a
 * quarter pixel towards its larger neighbour in x and in y (no move on a tie); the result is
 * mapped back with the inverse affine transform of the region and rounded to float32.
 */
public final class HeatmapDecoder {

    private final int width;
    private final int height;
    private final boolean postProcess;

    /** Decoder for {@code width x height} heatmaps ({@code HEATMAP_SIZE}). */
    public HeatmapDecoder(int width, int height, boolean postProcess) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Heatmap size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.postProcess = postProcess;
    }

    /**
     * Decodes one instance's {@code keypoints} heatmaps, stored K x height x width from
     * {@code offset} in {@code heatmaps}.
     *
     * @return per keypoint {x, y, confidence}, x and y in image pixels
     */
    public float[][] decode(float[] heatmaps, int offset, int keypoints, CenterScale region) {
        int plane = width * height;
        if (offset < 0 || offset + keypoints * plane > heatmaps.length) {
            throw new IndexOutOfBoundsException(keypoints + " heatmaps of " + width + "x" + height + " at offset "
                    + offset + " exceed " + heatmaps.length + " floats");
        }
        AffineTransform toImage = AffineTransform.outputToImage(region, width, height);
        float[][] result = new float[keypoints][];
        for (int k = 0; k < keypoints; k++) {
            int base = offset + k * plane;
            int best = 0;
            float maxValue = heatmaps[base];
            for (int i = 1; i < plane; i++) {
                if (heatmaps[base + i] > maxValue) {
                    maxValue = heatmaps[base + i];
                    best = i;
                }
            }
            float x = 0;
            float y = 0;
            if (maxValue > 0) {
                x = best % width;
                y = best / width;
            }
            int px = (int) x;
            int py = (int) y;
            if (postProcess && 1 < px && px < width - 1 && 1 < py && py < height - 1) {
                int at = base + py * width + px;
                x += 0.25f * Math.signum(heatmaps[at + 1] - heatmaps[at - 1]);
                y += 0.25f * Math.signum(heatmaps[at + width] - heatmaps[at - width]);
            }
            result[k] = new float[] {(float) toImage.mapX(x, y), (float) toImage.mapY(x, y), maxValue};
        }
        return result;
    }
}
