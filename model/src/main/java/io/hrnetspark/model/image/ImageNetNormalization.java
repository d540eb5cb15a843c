package io.hrnetspark.model.image;

import java.nio.FloatBuffer;

/**
 * torchvision's {@code ToTensor()} then {@code Normalize(mean, std)} with the ImageNet statistics,
 * in float32: {@code (v / 255 - mean[c]) / std[c]} for every 8-bit value v of input channel c,
 * written channel-first (CHW). The network is fed RGB ({@code DATASET.COLOR_RGB} true, as in all
 * official COCO experiments) or OpenCV's BGR order; the statistics go by position either way, as
 * in the official code.
 */
public final class ImageNetNormalization {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final int CHANNELS = 3;

    /** For each input channel, the result for every byte value. */
    private final float[][] table = new float[CHANNELS][256];
    /** For each input channel, the RGB channel of the image it is read from. */
    private final int[] sourceChannel;

    /** @param colorRgb feed the network R, G, B ({@code DATASET.COLOR_RGB}); false feeds B, G, R */
    public ImageNetNormalization(boolean colorRgb) {
        sourceChannel = colorRgb ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
        for (int c = 0; c < CHANNELS; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = ((float) v / 255f - MEAN[c]) / STD[c];
            }
        }
    }

    /** Number of floats one image of this size takes: 3 x height x width. */
    public static int floatsPerImage(int width, int height) {
        return Math.multiplyExact(Math.multiplyExact(CHANNELS, width), height);
    }

    /**
     * Writes the normalised image in CHW order into {@code dest} starting at absolute index
     * {@code offset} (for sample i of an NCHW batch: {@code i * floatsPerImage(w, h)}). The
     * buffer's position is not changed, so a batch buffer (heap or native) is filled in place.
     */
    public void writeChw(RgbImage image, FloatBuffer dest, int offset) {
        int width = image.width();
        int height = image.height();
        int plane = width * height;
        if (offset < 0 || offset + CHANNELS * plane > dest.limit()) {
            throw new IndexOutOfBoundsException("A " + width + "x" + height + " image at offset " + offset
                    + " does not fit a buffer of " + dest.limit() + " floats");
        }
        byte[] rgb = image.pixels();
        for (int c = 0; c < CHANNELS; c++) {
            float[] values = table[c];
            int source = sourceChannel[c];
            int base = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                dest.put(base + p, values[rgb[p * CHANNELS + source] & 0xFF]);
            }
        }
    }
}
