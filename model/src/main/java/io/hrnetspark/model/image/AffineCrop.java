package io.hrnetspark.model.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The official test-time crop: OpenCV {@code warpAffine} with {@code INTER_LINEAR} and a constant
 * black border, so regions reaching outside the image are filled with 0. OpenCV's fixed-point
 * bilinear interpolation is what the official crops are made with; a float warp differs.
 */
public final class AffineCrop {

    private final int width;
    private final int height;

    /** Crops of {@code width x height} pixels (the network's {@code IMAGE_SIZE}). */
    public AffineCrop(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Crop size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The transform from image pixels to crop pixels for a region. */
    public AffineTransform transform(CenterScale region) {
        return AffineTransform.imageToOutput(region, width, height);
    }

    /** Warps the region of the image into a new crop; the caller closes it. */
    public RgbImage crop(RgbImage image, CenterScale region) {
        Mat out = new Mat();
        try (Mat matrix = transform(region).toMat();
             Size size = new Size(width, height);
             Scalar black = new Scalar(0.0)) {
            opencv_imgproc.warpAffine(image.mat(), out, matrix, size, INTER_LINEAR, BORDER_CONSTANT, black);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return RgbImage.wrap(out);
    }
}
