package io.hrnetspark.model.coco;

import io.hrnetspark.model.InvalidInputException;

/** The segmentation branch of {@code loadRes} (mask results without boxes). */
final class ResultMasks {

    private ResultMasks() {
    }

    static CocoAnnotation maskResult(CocoAnnotation entry, int index, String resultSource) {
        throw new InvalidInputException(resultSource
                + ": mask results without bbox are not supported yet; add each result's bbox.");
    }
}
