package io.hrnetspark.job.output;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The rows of some images of one model, as a SQL condition: what a chunk's commit replaces in each
 * table. Model ids are restricted to [A-Za-z0-9._-], so they need no escaping.
 */
public record ImageScope(String modelId, long[] imageIds) {

    public ImageScope {
        if (!modelId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Unsafe model id " + modelId);
        }
        imageIds = imageIds.clone();
    }

    /** The condition on the table's columns. */
    public String condition() {
        if (imageIds.length == 0) {
            return "false";
        }
        long min = Arrays.stream(imageIds).min().orElseThrow();
        long max = Arrays.stream(imageIds).max().orElseThrow();
        String ids = Arrays.stream(imageIds).mapToObj(Long::toString).collect(Collectors.joining(","));
        return OutputLayout.MODEL_ID + " = '" + modelId + "' AND image_id BETWEEN " + min + " AND " + max
                + " AND image_id IN (" + ids + ")";
    }
}
