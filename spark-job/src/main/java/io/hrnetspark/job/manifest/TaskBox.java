package io.hrnetspark.job.manifest;

import java.io.Serializable;

/**
 * One person box of a work item: {@code index} is its position among the boxes of its image (the
 * {@code person_index} of the output rows), {@code score} the detector score (1 for ground truth).
 */
public record TaskBox(int index, double x, double y, double width, double height, double score)
        implements Serializable {
}
