package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import java.io.Serializable;
import java.util.List;

/** {@code computeOks} / {@code computeIoU}: how well each detection overlaps each ground truth. */
public interface Similarity extends Serializable {

    /**
     * The {@code [detection][ground truth]} matrix for one image and category, detections in the
     * given order (already score-sorted and cut), ground truths in file order.
     */
    double[][] compute(CocoImage image, List<CocoAnnotation> gts, List<CocoAnnotation> dts);
}
