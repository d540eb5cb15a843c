package io.hrnetspark.model.coco.mask;

import io.hrnetspark.model.InvalidInputException;
import java.util.Arrays;

/**
 * Polygon to run lengths, with the arithmetic of {@code rleFrPoly} in the COCO mask API: vertices
 * on a grid 5 times finer, each edge traced point by point, and wherever the traced boundary moves
 * to another fine column at the centre of a pixel column, a toggle at that column's first pixel
 * centre below the boundary. The toggles, sorted, become the run lengths.
 */
final class PolygonRasterizer {

    private static final double SCALE = 5;
    /** Coordinates beyond this make the fine grid overflow 32-bit integers, as in the C code. */
    private static final double MAX_ABS_COORDINATE = 1e8;

    private PolygonRasterizer() {
    }

    static long[] rasterize(double[] xy, int height, int width) {
        if (xy.length % 2 != 0) {
            throw new InvalidInputException("A polygon has an odd number of coordinates (" + xy.length
                    + "); polygons are [x1, y1, x2, y2, ...].");
        }
        int k = xy.length / 2;
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = toFineGrid(xy[2 * j]);
            y[j] = toFineGrid(xy[2 * j + 1]);
        }
        x[k] = x[0];
        y[k] = y[0];
        Toggles toggles = new Toggles(height, width);
        for (int j = 0; j < k; j++) {
            traceEdge(x[j], y[j], x[j + 1], y[j + 1], toggles);
        }
        return toggles.runLengths();
    }

    private static int toFineGrid(double coordinate) {
        if (!(Math.abs(coordinate) <= MAX_ABS_COORDINATE)) {
            throw new InvalidInputException("Polygon coordinate " + coordinate + " is not a finite number within ±"
                    + MAX_ABS_COORDINATE + " pixels; fix the segmentation.");
        }
        return (int) (SCALE * coordinate + .5);
    }

    /** Visits the fine-grid points of one edge in its own direction, as the C code lists them. */
    private static void traceEdge(int xs, int ys, int xe, int ye, Toggles toggles) {
        int dx = Math.abs(xe - xs);
        int dy = Math.abs(ys - ye);
        boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
        if (flip) {
            int t = xs;
            xs = xe;
            xe = t;
            t = ys;
            ys = ye;
            ye = t;
        }
        // A repeated vertex gives 0/0 = NaN here, as in C; its single point lands on INT_MIN below.
        double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
        if (dx >= dy) {
            for (int d = 0; d <= dx; d++) {
                int t = flip ? dx - d : d;
                toggles.visit(t + xs, truncate(ys + s * t + .5));
            }
        } else {
            for (int d = 0; d <= dy; d++) {
                int t = flip ? dy - d : d;
                toggles.visit(truncate(xs + s * t + .5), t + ys);
            }
        }
    }

    /** C's double-to-int conversion on x86-64: toward zero, and INT_MIN for NaN or out of range. */
    private static int truncate(double value) {
        return value > -2147483649.0 && value < 2147483648.0 ? (int) value : Integer.MIN_VALUE;
    }

    /** Collects pixel-centre crossings from consecutive boundary points and turns them into runs. */
    private static final class Toggles {
        private final int height;
        private final int width;
        private long[] positions = new long[16];
        private int size;
        private boolean started;
        private int previousU;
        private int previousV;

        Toggles(int height, int width) {
            this.height = height;
            this.width = width;
        }

        void visit(int u, int v) {
            if (started && u != previousU) {
                addCrossing(u, v);
            }
            started = true;
            previousU = u;
            previousV = v;
        }

        private void addCrossing(int u, int v) {
            double xd = u < previousU ? u : u - 1;
            xd = (xd + .5) / SCALE - .5;
            if (Math.floor(xd) != xd || xd < 0 || xd > width - 1) {
                return;
            }
            double yd = Math.min(v, previousV);
            yd = (yd + .5) / SCALE - .5;
            if (yd < 0) {
                yd = 0;
            } else if (yd > height) {
                yd = height;
            }
            yd = Math.ceil(yd);
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
            }
            positions[size++] = (long) (int) xd * height + (int) yd;
        }

        long[] runLengths() {
            long[] a = Arrays.copyOf(positions, size + 1);
            a[size] = (long) height * width;
            Arrays.sort(a);
            long previous = 0;
            for (int j = 0; j < a.length; j++) {
                long t = a[j];
                a[j] -= previous;
                previous = t;
            }
            // Zero-length runs cancel a pair of toggles: fold the run after one into the run before.
            long[] runs = new long[a.length];
            int m = 0;
            int j = 0;
            runs[m++] = a[j++];
            while (j < a.length) {
                if (a[j] > 0) {
                    runs[m++] = a[j++];
                } else {
                    j++;
                    if (j < a.length) {
                        runs[m - 1] += a[j++];
                    }
                }
            }
            return Arrays.copyOf(runs, m);
        }
    }
}
