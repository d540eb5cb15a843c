package io.hrnetspark.model.eval;

import java.io.Serializable;

/**
 * One image's matching outcome for one category and area range, reduced to what
 * {@code accumulate} reads; small enough to collect from executors for millions of detections.
 *
 * @param scores   detection scores by descending score (stable), cut to the largest maxDet
 * @param matched  per detection, bit t set when it matched a GT at threshold t
 * @param ignored  per detection, bit t set when it is ignored at threshold t
 * @param numGt    number of ground truths not ignored in this area range
 */
public record MatchTally(long imageId, int categoryId, int areaIndex, double[] scores,
                         int[] matched, int[] ignored, int numGt) implements Serializable {
}
