package io.hrnetspark.model.seg;

import io.hrnetspark.model.InvalidInputException;
import java.util.BitSet;
import java.util.List;

/**
 * The label map that one image's class masks describe (the inverse of {@link LabelMap#classMasks()}):
 * each pixel holds the class of the mask covering it; {@code covered} tells which pixels a mask covers
 * (row-major index), so that {@link ConfusionMatrix#add(LabelMap, LabelMap, BitSet)} can count the others
 * as unpredicted.
 *
 * @param uncovered pixels no mask covers
 */
public record MaskPrediction(LabelMap labels, BitSet covered, long uncovered) {

    /**
     * Paints the masks of one image.
     *
     * @param image names the image in error messages
     * @throws InvalidInputException when a mask is not {@code height x width}, its class is not 0-255, or
     *                               two masks cover the same pixel
     */
    public static MaskPrediction paint(int width, int height, List<ClassMask> masks, String image) {
        byte[] labels = new byte[width * height];
        BitSet covered = new BitSet(width * height);
        for (ClassMask mask : masks) {
            if (mask.mask().height() != height || mask.mask().width() != width) {
                throw new InvalidInputException(image + ": the mask of class " + mask.classId() + " is "
                        + mask.mask().width() + "x" + mask.mask().height() + " pixels but the image is " + width
                        + "x" + height + "; a mask's size is [height, width] of its image.");
            }
            if (mask.classId() < 0 || mask.classId() > 255) {
                throw new InvalidInputException(image + ": class " + mask.classId()
                        + " is not a class index (0-255).");
            }
            long index = 0;
            boolean ones = false;
            for (long run : mask.mask().counts()) {
                if (ones) {
                    for (long i = index; i < index + run; i++) {
                        int x = (int) (i / height);
                        int y = (int) (i % height);
                        int pixel = y * width + x;
                        if (covered.get(pixel)) {
                            throw new InvalidInputException(image + ": the masks of classes "
                                    + Byte.toUnsignedInt(labels[pixel]) + " and " + mask.classId() + " overlap at pixel (" + x + ", " + y
                                    + "); a label map gives each pixel one class.");
                        }
                        covered.set(pixel);
                        labels[pixel] = (byte) mask.classId();
                    }
                }
                index += run;
                ones = !ones;
            }
        }
        long uncovered = (long) width * height - covered.cardinality();
        return new MaskPrediction(new LabelMap(width, height, labels), covered, uncovered);
    }
}
