package io.hrnetspark.model.eval;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import io.hrnetspark.model.coco.mask.MaskIou;
import io.hrnetspark.model.coco.mask.Rle;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code computeIoU} for {@code segm}: masks from {@code annToRLE} (polygons rasterised at the
 * image size and united, uncompressed RLE converted, compressed RLE as is), then mask IoU with
 * the crowd rule.
 */
public final class SegmentationIou implements Similarity {

    @Override
    public double[][] compute(CocoImage image, List<CocoAnnotation> gts, List<CocoAnnotation> dts) {
        boolean[] crowd = new boolean[gts.size()];
        for (int g = 0; g < crowd.length; g++) {
            crowd[g] = gts.get(g).crowd();
        }
        return MaskIou.iou(masks(image, dts, "result"), masks(image, gts, "annotation"), crowd);
    }

    private static List<Rle> masks(CocoImage image, List<CocoAnnotation> anns, String kind) {
        List<Rle> masks = new ArrayList<>(anns.size());
        for (CocoAnnotation ann : anns) {
            try {
                masks.add(Rle.fromSegmentation(ann.segmentation(), image.height(), image.width()));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(kind + " " + ann.id() + " in image " + image.id()
                        + ": " + e.getMessage(), e);
            }
        }
        return masks;
    }
}
