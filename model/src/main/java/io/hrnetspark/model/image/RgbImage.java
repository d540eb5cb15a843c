package io.hrnetspark.model.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * An 8-bit, 3-channel RGB image in native (OpenCV) memory, rows of interleaved R, G, B bytes.
 * Decoding is the official dataset code's: {@code cv2.imread(IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION)}
 * then BGR to RGB, so grayscale, alpha, 16-bit and CMYK inputs all become 8-bit RGB and EXIF
 * orientation is ignored. Close it to free the native memory at once.
 */
public final class RgbImage implements AutoCloseable {

    private final Mat mat;

    private RgbImage(Mat mat) {
        this.mat = mat;
    }

    /**
     * Decodes encoded image bytes (JPEG, PNG, BMP, TIFF, WebP, ... as OpenCV reads them).
     *
     * @param name the file name or path, used in error messages only
     * @throws InvalidInputException for empty, truncated, corrupt or non-image bytes
     */
    public static RgbImage decode(byte[] encoded, String name) {
        if (encoded.length == 0) {
            throw new InvalidInputException("Image '" + name + "' is empty (0 bytes): supply a JPEG or PNG file.");
        }
        if (JpegStream.isJpeg(encoded) && JpegStream.isTruncated(encoded)) {
            throw new InvalidInputException("Image '" + name
                    + "' is a truncated JPEG (its data ends before the end-of-image marker): re-copy or re-encode it.");
        }
        Mat decoded;
        try (BytePointer data = new BytePointer(encoded);
             Mat buffer = new Mat(1, encoded.length, CV_8UC1, data)) {
            decoded = opencv_imgcodecs.imdecode(buffer, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) {
            throw notAnImage(name, e);
        }
        if (decoded == null || decoded.empty() || decoded.type() != CV_8UC3) {
            if (decoded != null) {
                decoded.close();
            }
            throw notAnImage(name, null);
        }
        opencv_imgproc.cvtColor(decoded, decoded, COLOR_BGR2RGB);
        return new RgbImage(decoded);
    }

    /** Reads and decodes an image file; see {@link #decode(byte[], String)}. */
    public static RgbImage read(Path file) {
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Image file '" + file + "' does not exist: check the path.", e);
        } catch (IOException e) {
            throw new InvalidInputException("Image file '" + file + "' cannot be read (" + e.getMessage()
                    + "): check the path and its permissions.", e);
        }
        return decode(encoded, file.toString());
    }

    /**
     * Wraps interleaved RGB bytes (row-major, {@code height * width * 3} values); the bytes are copied.
     */
    public static RgbImage fromRgb(byte[] rgb, int width, int height) {
        if (width <= 0 || height <= 0 || rgb.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException("Expected " + width + "x" + height + "x3 RGB bytes, got " + rgb.length);
        }
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(rgb, 0, rgb.length);
        return new RgbImage(mat);
    }

    static RgbImage wrap(Mat mat) {
        if (mat.type() != CV_8UC3 || !mat.isContinuous()) {
            throw new IllegalArgumentException("Expected a continuous 8-bit 3-channel image");
        }
        return new RgbImage(mat);
    }

    public int width() {
        return mat.cols();
    }

    public int height() {
        return mat.rows();
    }

    /** A copy of the pixels: {@code height * width * 3} bytes, row-major, R G B interleaved. */
    public byte[] pixels() {
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width(), height()), 3)];
        mat.data().get(rgb, 0, rgb.length);
        return rgb;
    }

    /**
     * A new image of {@code width} x {@code height}: {@code cv2.resize(image, (width, height),
     * interpolation=cv2.INTER_LINEAR)} (OpenCV's fixed-point bilinear for 8-bit images).
     */
    public RgbImage resized(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Cannot resize to " + width + "x" + height);
        }
        Mat out = new Mat();
        try (Size size = new Size(width, height)) {
            opencv_imgproc.resize(mat, out, size, 0, 0, INTER_LINEAR);
        }
        return new RgbImage(out);
    }

    /** The underlying OpenCV matrix (CV_8UC3, RGB order); owned by this image. */
    Mat mat() {
        return mat;
    }

    @Override
    public void close() {
        mat.close();
    }

    private static InvalidInputException notAnImage(String name, RuntimeException cause) {
        return new InvalidInputException("Image '" + name
                + "' cannot be decoded (not an image, an unsupported format, or corrupt data): supply a JPEG or PNG file.",
                cause);
    }
}
