package io.hrnetspark.model.seg;

import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.RgbImage;

/** The two RGB images of the seg-tiny fixture and its per-pixel reference labels. */
final class SegTinyImages {

    static final int COUNT = 2;
    static final int WIDTH = 128;
    static final int HEIGHT = 64;
    /** The fixture README: labels must be equal wherever the decision margin is at least this. */
    static final double MARGIN = 1e-3;

    private static final NpyArray IMAGES = NpyArray.fixture("seg-tiny/images_uint8.npy");
    private static final NpyArray LABELS = NpyArray.fixture("seg-tiny/labels.npy");
    private static final NpyArray MARGINS = NpyArray.fixture("seg-tiny/label_margin.npy");

    private SegTinyImages() {
    }

    static RgbImage image(int n) {
        byte[] rgb = new byte[HEIGHT * WIDTH * 3];
        int offset = n * rgb.length;
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) IMAGES.values()[offset + i];
        }
        return RgbImage.fromRgb(rgb, WIDTH, HEIGHT);
    }

    /** The official label map of image {@code n}. */
    static LabelMap labels(int n) {
        byte[] labels = new byte[HEIGHT * WIDTH];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) LABELS.values()[n * labels.length + i];
        }
        return new LabelMap(WIDTH, HEIGHT, labels);
    }

    /** Asserts {@code actual} equals the official labels of image {@code n} wherever the margin allows. */
    static int compare(int n, LabelMap actual) {
        LabelMap expected = labels(n);
        int decided = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (MARGINS.get(n, y, x) >= MARGIN) {
                    decided++;
                    if (expected.label(x, y) != actual.label(x, y)) {
                        throw new AssertionError("Image " + n + " pixel (" + x + ", " + y + "): class "
                                + actual.label(x, y) + " instead of " + expected.label(x, y) + " (margin "
                                + MARGINS.get(n, y, x) + ")");
                    }
                }
            }
        }
        return decided;
    }
}
