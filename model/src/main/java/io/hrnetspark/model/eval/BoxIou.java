package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import io.hrnetspark.model.coco.mask.MaskIou;
import java.util.ArrayList;
import java.util.List;

/** {@code computeIoU} for {@code bbox}: continuous-box IoU of the stored boxes, crowd rule included. */
public final class BoxIou implements Similarity {

    @Override
    public double[][] compute(CocoImage image, List<CocoAnnotation> gts, List<CocoAnnotation> dts) {
        boolean[] crowd = new boolean[gts.size()];
        List<double[]> gtBoxes = new ArrayList<>(gts.size());
        for (int g = 0; g < crowd.length; g++) {
            crowd[g] = gts.get(g).crowd();
            gtBoxes.add(gts.get(g).bbox());
        }
        List<double[]> dtBoxes = new ArrayList<>(dts.size());
        for (CocoAnnotation dt : dts) {
            dtBoxes.add(dt.bbox());
        }
        return MaskIou.boxIou(dtBoxes, gtBoxes, crowd);
    }
}
