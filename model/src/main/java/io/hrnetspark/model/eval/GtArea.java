package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;

/** Which number stands for a ground truth's size: OKS scale and area-range filter. */
public enum GtArea {
    /** COCO: the stored {@code area} field, never recomputed. */
    STORED {
        @Override
        public double of(CocoAnnotation gt) {
            return gt.area();
        }
    },
    /** CrowdPose: {@code bbox_w * bbox_h * 0.53} (its annotations have no area). */
    CROWDPOSE_BOX {
        @Override
        public double of(CocoAnnotation gt) {
            return gt.bbox()[2] * gt.bbox()[3] * 0.53;
        }
    };

    public abstract double of(CocoAnnotation gt);
}
