package io.hrnetspark.model.eval;

import java.io.Serializable;

/**
 * {@code COCOeval.eval} after {@code accumulate()}: precision {@code [T][R][K][A][M]} and recall
 * {@code [T][K][A][M]}, flattened in C order; -1 where a setting has no ground truth.
 *
 * @param categoryIds the K categories, ascending
 */
public record Accumulation(EvalParams params, int[] categoryIds, double[] precision,
                           double[] recall) implements Serializable {

    public int numThresholds() {
        return params.iouThrs().length;
    }

    public int numRecallThresholds() {
        return params.recThrs().length;
    }

    public int numCategories() {
        return categoryIds.length;
    }

    public int numAreas() {
        return params.areaRanges().size();
    }

    public int numMaxDets() {
        return params.maxDets().length;
    }

    public double precision(int t, int r, int k, int a, int m) {
        return precision[precisionIndex(t, r, k, a, m)];
    }

    public double recall(int t, int k, int a, int m) {
        return recall[recallIndex(t, k, a, m)];
    }

    int precisionIndex(int t, int r, int k, int a, int m) {
        return (((t * numRecallThresholds() + r) * numCategories() + k) * numAreas() + a)
                * numMaxDets() + m;
    }

    int recallIndex(int t, int k, int a, int m) {
        return ((t * numCategories() + k) * numAreas() + a) * numMaxDets() + m;
    }
}
