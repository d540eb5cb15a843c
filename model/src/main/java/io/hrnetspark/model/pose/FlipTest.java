package io.hrnetspark.model.pose;

import io.hrnetspark.model.dataset.KeypointSpec;

/**
 * The official flip test ({@code TEST.FLIP_TEST}): the network also sees the input mirrored along
 * its width ({@code NetworkSample.mirrored}); that output is mirrored back with left and right keypoints swapped
 * ({@code flip_back}), shifted one column to the right ({@code TEST.SHIFT_HEATMAP}, column 0
 * keeps its value) and averaged with the plain output in float32.
 */
public final class FlipTest {

    private final int[] flipIndex;
    private final boolean shiftHeatmap;

    public FlipTest(KeypointSpec keypoints, boolean shiftHeatmap) {
        this.flipIndex = keypoints.flipIndex();
        this.shiftHeatmap = shiftHeatmap;
    }

    /**
     * The flip-test heatmaps: {@code (heatmaps + shift(flip_back(flippedOutput))) * 0.5}.
     *
     * @param heatmaps      network output on the input, N x K x height x width
     * @param flippedOutput network output on the mirrored input, same layout
     */
    public float[] merge(float[] heatmaps, float[] flippedOutput, int height, int width) {
        if (heatmaps.length != flippedOutput.length) {
            throw new IllegalArgumentException("Heatmaps (" + heatmaps.length + " floats) and flipped output ("
                    + flippedOutput.length + " floats) differ in size");
        }
        int keypoints = flipIndex.length;
        int planes = checkedPlanes(heatmaps.length, height, width);
        if (planes % keypoints != 0) {
            throw new IllegalArgumentException(planes + " heatmaps are not a whole number of "
                    + keypoints + "-keypoint instances");
        }
        int plane = height * width;
        float[] merged = new float[heatmaps.length];
        for (int p = 0; p < planes; p++) {
            int instanceBase = (p / keypoints) * keypoints * plane;
            int source = instanceBase + flipIndex[p % keypoints] * plane;
            int target = p * plane;
            for (int y = 0; y < height; y++) {
                int rowIn = source + y * width;
                int rowOut = target + y * width;
                for (int x = 0; x < width; x++) {
                    int mirroredX = width - 1 - (shiftHeatmap && x > 0 ? x - 1 : x);
                    merged[rowOut + x] = (heatmaps[rowOut + x] + flippedOutput[rowIn + mirroredX]) * 0.5f;
                }
            }
        }
        return merged;
    }

    private static int checkedPlanes(int length, int height, int width) {
        int plane = Math.multiplyExact(height, width);
        if (plane <= 0 || length % plane != 0) {
            throw new IllegalArgumentException(length + " floats are not a whole number of " + height + "x" + width
                    + " planes");
        }
        return length / plane;
    }
}
