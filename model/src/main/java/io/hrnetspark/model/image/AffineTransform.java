package io.hrnetspark.model.image;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;

/**
 * A 2x3 affine matrix {@code [[a, b, c], [d, e, f]]} mapping (x, y, 1) to (x', y'), built as the
 * official {@code get_affine_transform} builds it (no rotation, no shift): three float32 point
 * pairs (the region center, the point half a region width above it, and a third point
 * perpendicular to them) solved by OpenCV's {@code getAffineTransform}.
 */
public record AffineTransform(double a, double b, double c, double d, double e, double f) {

    /** Maps image pixels into an {@code outputWidth x outputHeight} crop of the region. */
    public static AffineTransform imageToOutput(CenterScale region, int outputWidth, int outputHeight) {
        return solve(region, outputWidth, outputHeight, false);
    }

    /**
     * Maps pixels of an {@code outputWidth x outputHeight} crop (or heatmap) of the region back to
     * image pixels ({@code inv=1}: solved from the swapped points, not by inverting the forward matrix).
     */
    public static AffineTransform outputToImage(CenterScale region, int outputWidth, int outputHeight) {
        return solve(region, outputWidth, outputHeight, true);
    }

    public double mapX(double x, double y) {
        return a * x + b * y + c;
    }

    public double mapY(double x, double y) {
        return d * x + e * y + f;
    }

    /** The matrix as a new 2x3 CV_64F OpenCV matrix; the caller closes it. */
    Mat toMat() {
        Mat mat = new Mat(2, 3, CV_64F);
        try (DoubleIndexer m = mat.createIndexer()) {
            m.put(0, 0, a).put(0, 1, b).put(0, 2, c).put(1, 0, d).put(1, 1, e).put(1, 2, f);
        }
        return mat;
    }

    private static AffineTransform solve(CenterScale region, int outputWidth, int outputHeight, boolean inverse) {
        float srcWidth = region.scaleX() * (float) CenterScale.PIXEL_STD;
        float[][] src = new float[3][];
        src[0] = new float[] {region.centerX(), region.centerY()};
        // center + (0, -srcWidth/2), added in float64 and stored as float32 as numpy does
        src[1] = new float[] {region.centerX(), (float) ((double) region.centerY() + (double) (srcWidth * -0.5f))};
        src[2] = thirdPoint(src[0], src[1]);

        float[][] dst = new float[3][];
        dst[0] = new float[] {(float) (outputWidth * 0.5), (float) (outputHeight * 0.5)};
        dst[1] = new float[] {(float) (outputWidth * 0.5),
            (float) (outputHeight * 0.5 + (double) (float) (outputWidth * -0.5))};
        dst[2] = thirdPoint(dst[0], dst[1]);

        try (Point2f from = points(inverse ? dst : src);
             Point2f to = points(inverse ? src : dst);
             Mat m = opencv_imgproc.getAffineTransform(from, to);
             DoubleIndexer i = m.createIndexer()) {
            return new AffineTransform(i.get(0, 0), i.get(0, 1), i.get(0, 2), i.get(1, 0), i.get(1, 1), i.get(1, 2));
        }
    }

    /** {@code get_3rd_point}: b + the vector a - b turned by 90 degrees, in float32. */
    private static float[] thirdPoint(float[] a, float[] b) {
        float dx = a[0] - b[0];
        float dy = a[1] - b[1];
        return new float[] {b[0] + -dy, b[1] + dx};
    }

    private static Point2f points(float[][] xy) {
        Point2f points = new Point2f(xy.length);
        for (int i = 0; i < xy.length; i++) {
            points.position(i).x(xy[i][0]).y(xy[i][1]);
        }
        return points.position(0);
    }
}
