package io.hrnetspark.model.seg;

import io.hrnetspark.model.coco.mask.Rle;

/**
 * The pixels of one class in a label map as a COCO RLE mask, with the numbers a COCO segmentation
 * result carries.
 *
 * @param classId the class index (Cityscapes train id, LIP label)
 */
public record ClassMask(int classId, Rle mask) {

    /** Number of pixels of the class ({@code rleArea}). */
    public long area() {
        return mask.area();
    }

    /** The mask's box {@code [x, y, w, h]} as {@code pycocotools.mask.toBbox} reports it. */
    public double[] bbox() {
        return mask.toBbox();
    }

    /** The COCO compressed counts string ({@code rleToString}). */
    public String compressedCounts() {
        return mask.toCompressed();
    }
}
