package io.hrnetspark.model.dataset.synthetic;

import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Convex outlines of body parts: tapered capsules and the hull of projected corner points. */
final class ConvexShapes {

    private static final int CIRCLE_STEPS = 20;

    private ConvexShapes() {
    }

    /** The convex hull of a circle of radius {@code r1} at (x1, y1) and one of radius {@code r2} at (x2, y2). */
    static Path2D capsule(double x1, double y1, double r1, double x2, double y2, double r2) {
        List<double[]> points = new ArrayList<>(2 * CIRCLE_STEPS);
        for (int i = 0; i < CIRCLE_STEPS; i++) {
            double a = 2 * Math.PI * i / CIRCLE_STEPS;
            points.add(new double[] {x1 + r1 * Math.cos(a), y1 + r1 * Math.sin(a)});
            points.add(new double[] {x2 + r2 * Math.cos(a), y2 + r2 * Math.sin(a)});
        }
        return hull(points);
    }

    /** The convex hull of the points (Andrew's monotone chain) as a closed path. */
    static Path2D hull(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        int n = sorted.size();
        double[][] chain = new double[2 * n][];
        int k = 0;
        for (double[] p : sorted) {
            while (k >= 2 && cross(chain[k - 2], chain[k - 1], p) <= 0) {
                k--;
            }
            chain[k++] = p;
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            double[] p = sorted.get(i);
            while (k >= lower && cross(chain[k - 2], chain[k - 1], p) <= 0) {
                k--;
            }
            chain[k++] = p;
        }
        Path2D path = new Path2D.Double();
        path.moveTo(chain[0][0], chain[0][1]);
        for (int i = 1; i < k - 1; i++) {
            path.lineTo(chain[i][0], chain[i][1]);
        }
        path.closePath();
        return path;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
