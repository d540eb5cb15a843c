package io.hrnetspark.model.coco;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.mask.Rle;

/**
 * The segmentation branch of {@code loadRes}: a result with a compressed RLE mask gets the mask's
 * pixel count as area and, when it has no {@code bbox} key, the mask's box.
 */
final class ResultMasks {

    private ResultMasks() {
    }

    static CocoAnnotation maskResult(CocoAnnotation entry, int index, String resultSource) {
        JsonNode segmentation = entry.segmentation();
        String what = resultSource + ": result " + (index + 1);
        if (segmentation == null || !segmentation.isObject() || !segmentation.has("size")
                || !segmentation.path("counts").isTextual()) {
            throw new InvalidInputException(what + " has " + (segmentation == null ? "no segmentation"
                    : "a segmentation that is not a compressed RLE")
                    + " but the first result has one and no bbox, so every result needs"
                    + " {\"size\": [h, w], \"counts\": \"...\"} as loadRes reads mask results.");
        }
        Rle mask;
        try {
            // An RLE carries its own size; the image size only matters for polygons.
            mask = Rle.fromSegmentation(segmentation, 0, 0);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(what + ": " + e.getMessage(), e);
        }
        double[] bbox = entry.bbox() != null ? entry.bbox() : mask.toBbox();
        return entry.asResult(index + 1, mask.area(), bbox, segmentation, 0);
    }
}
