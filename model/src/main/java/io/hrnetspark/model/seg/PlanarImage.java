package io.hrnetspark.model.seg;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A normalised float32 image in channel-planar (CHW) order, with the operations the official
 * segmentation test applies to it: OpenCV resizing, padding at the bottom and right, and cropping.
 *
 * @param chw {@code 3 * height * width} values; not copied (package-private, never shared)
 */
record PlanarImage(int width, int height, float[] chw) {

    static final int CHANNELS = 3;

    PlanarImage {
        if (width <= 0 || height <= 0 || chw.length != CHANNELS * width * height) {
            throw new IllegalArgumentException("A " + width + "x" + height + " image needs "
                    + CHANNELS * width * height + " values, got " + chw.length);
        }
    }

    /** {@code input_transform}: the image normalised with the ImageNet statistics, RGB order. */
    static PlanarImage normalized(RgbImage image, ImageNetNormalization normalization) {
        float[] chw = new float[ImageNetNormalization.floatsPerImage(image.width(), image.height())];
        normalization.writeChw(image, FloatBuffer.wrap(chw), 0);
        return new PlanarImage(image.width(), image.height(), chw);
    }

    /** {@code cv2.resize(image, (width, height), interpolation=cv2.INTER_LINEAR)} of the interleaved float image. */
    PlanarImage resized(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float[] hwc = new float[CHANNELS * newWidth * newHeight];
        try (FloatPointer source = new FloatPointer(interleaved());
             Mat sourceMat = new Mat(height, width, CV_32FC3, source);
             Mat target = new Mat();
             Size size = new Size(newWidth, newHeight)) {
            opencv_imgproc.resize(sourceMat, target, size, 0, 0, INTER_LINEAR);
            try (FloatPointer data = new FloatPointer(target.data())) {
                data.get(hwc);
            }
        }
        return fromInterleaved(newWidth, newHeight, hwc);
    }

    /**
     * {@code pad_image}: the image extended at the bottom and right to at least
     * {@code minWidth x minHeight} with the constant {@code value} per channel.
     */
    PlanarImage padded(int minWidth, int minHeight, float[] value) {
        int newWidth = Math.max(width, minWidth);
        int newHeight = Math.max(height, minHeight);
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float[] out = new float[CHANNELS * newWidth * newHeight];
        for (int c = 0; c < CHANNELS; c++) {
            int plane = c * newWidth * newHeight;
            java.util.Arrays.fill(out, plane, plane + newWidth * newHeight, value[c]);
            for (int y = 0; y < height; y++) {
                System.arraycopy(chw, (c * height + y) * width, out, plane + y * newWidth, width);
            }
        }
        return new PlanarImage(newWidth, newHeight, out);
    }

    /** The pixels of columns {@code [x0, x1)} and rows {@code [y0, y1)}. */
    PlanarImage cropped(int x0, int y0, int x1, int y1) {
        if (x0 == 0 && y0 == 0 && x1 == width && y1 == height) {
            return this;
        }
        int w = x1 - x0;
        int h = y1 - y0;
        float[] out = new float[CHANNELS * w * h];
        for (int c = 0; c < CHANNELS; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(chw, (c * height + y0 + y) * width + x0, out, (c * h + y) * w, w);
            }
        }
        return new PlanarImage(w, h, out);
    }

    /** The image as a new NCHW batch of one. */
    INDArray batch() {
        return Nd4j.create(chw, new long[] {1, CHANNELS, height, width}, 'c');
    }

    private float[] interleaved() {
        int plane = width * height;
        float[] hwc = new float[CHANNELS * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < CHANNELS; c++) {
                hwc[p * CHANNELS + c] = chw[c * plane + p];
            }
        }
        return hwc;
    }

    private static PlanarImage fromInterleaved(int width, int height, float[] hwc) {
        int plane = width * height;
        float[] chw = new float[CHANNELS * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < CHANNELS; c++) {
                chw[c * plane + p] = hwc[p * CHANNELS + c];
            }
        }
        return new PlanarImage(width, height, chw);
    }
}
