package io.hrnetspark.model.eval;

import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * One image with its ground truth and detections of the evaluated categories, in file order:
 * the unit of work of {@link ImageMatcher#evaluateImage}. Serialized compactly by
 * {@link PackedImageAnnotations}.
 */
public record ImageAnnotations(CocoImage image, List<CocoAnnotation> gts, List<CocoAnnotation> dts)
        implements Serializable {

    @Serial
    private Object writeReplace() {
        return new PackedImageAnnotations(this);
    }
}
