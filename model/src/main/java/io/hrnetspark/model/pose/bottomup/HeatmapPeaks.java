package io.hrnetspark.model.pose.bottomup;

import java.util.ArrayList;
import java.util.List;

/**
 * The peak search of the official grouping ({@code HeatmapParser.nms} and {@code top_k}): a pixel is
 * a peak when it equals the maximum of the {@code kernel x kernel} window around it (max-pooling,
 * stride 1, the border padded with -inf), all other pixels count 0; per joint the {@code count}
 * largest values of the row-major map are taken, largest first (equal values: lower index first).
 */
final class HeatmapPeaks {

    private HeatmapPeaks() {
    }

    static List<PeakCandidates> find(JointMaps det, TagMaps tags, int kernel, int count) {
        int plane = det.height() * det.width();
        int k = Math.min(count, plane);
        float[] suppressed = suppressNonMaxima(det, kernel);
        List<PeakCandidates> result = new ArrayList<>(det.joints());
        for (int j = 0; j < det.joints(); j++) {
            int[] best = topIndices(suppressed, j * plane, plane, k);
            int[] x = new int[k];
            int[] y = new int[k];
            float[] values = new float[k];
            float[][] tagVectors = new float[k][];
            for (int i = 0; i < k; i++) {
                x[i] = best[i] % det.width();
                y[i] = best[i] / det.width();
                values[i] = suppressed[j * plane + best[i]];
                tagVectors[i] = tags.vector(j, y[i], x[i]);
            }
            result.add(new PeakCandidates(x, y, values, tagVectors));
        }
        return result;
    }

    /** {@code det * (maxpool(det) == det)}, separably: the window maximum along rows, then columns. */
    static float[] suppressNonMaxima(JointMaps det, int kernel) {
        int h = det.height();
        int w = det.width();
        int r = kernel / 2;
        float[] values = det.values();
        float[] rowMax = new float[values.length];
        float[] result = new float[values.length];
        for (int j = 0; j < det.joints(); j++) {
            for (int y = 0; y < h; y++) {
                int row = (j * h + y) * w;
                for (int x = 0; x < w; x++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        max = Math.max(max, values[row + xx]);
                    }
                    rowMax[row + x] = max;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                        max = Math.max(max, rowMax[(j * h + yy) * w + x]);
                    }
                    int i = (j * h + y) * w + x;
                    result[i] = values[i] * (max == values[i] ? 1f : 0f);
                }
            }
        }
        return result;
    }

    /** Offsets (from {@code from}) of the {@code k} largest of {@code n} values, largest first. */
    private static int[] topIndices(float[] values, int from, int n, int k) {
        int[] best = new int[k];
        float[] bestValues = new float[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            float v = values[from + i];
            if (size == k && !(v > bestValues[k - 1])) {
                continue;
            }
            int pos = size == k ? k - 1 : size++;
            while (pos > 0 && v > bestValues[pos - 1]) {
                best[pos] = best[pos - 1];
                bestValues[pos] = bestValues[pos - 1];
                pos--;
            }
            best[pos] = i;
            bestValues[pos] = v;
        }
        return best;
    }
}
