package io.hrnetspark.model.predict;

/**
 * One network input: a normalised 3-channel image in channel-planar order (CHW), independent of the
 * image it was made from. Samples of equal width and height can share a forward pass.
 *
 * @param chw {@code 3 * height * width} floats; not copied, never modified after preparation
 */
public record NetworkSample(int width, int height, float[] chw) {

    public NetworkSample {
        if (width <= 0 || height <= 0 || chw.length != 3L * width * height) {
            throw new IllegalArgumentException("A " + width + "x" + height + " sample needs " + 3L * width * height
                    + " floats, got " + chw.length);
        }
    }

    /** The batching key: samples of the same shape go through the network together. */
    public Shape shape() {
        return new Shape(width, height);
    }

    /** The sample mirrored along its width ({@code torch.flip(input, [3])}), the input of the flip test. */
    public NetworkSample mirrored() {
        float[] mirrored = new float[chw.length];
        for (int row = 0; row < 3 * height; row++) {
            int base = row * width;
            for (int x = 0; x < width; x++) {
                mirrored[base + x] = chw[base + width - 1 - x];
            }
        }
        return new NetworkSample(width, height, mirrored);
    }

    /** Bytes of the sample's floats. */
    public long bytes() {
        return 4L * chw.length;
    }

    /** A network input size. */
    public record Shape(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }
}
