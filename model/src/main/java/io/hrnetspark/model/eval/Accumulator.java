package io.hrnetspark.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code COCOeval.accumulate()} over per-image tallies given in any order: per category, area
 * range and maxDet, the detections of all images (ascending image id, each cut to maxDet) are
 * stably sorted by score, and precision is sampled at the recall thresholds from the
 * right-to-left maximum of {@code tp / (tp + fp + eps)}.
 */
public final class Accumulator {

    private Accumulator() {
    }

    /**
     * @param categoryIds the evaluated categories, ascending (the K axis)
     * @param tallies     one per image, category and area range that had any GT or detection
     */
    public static Accumulation accumulate(EvalParams params, int[] categoryIds,
                                          Collection<MatchTally> tallies) {
        int numT = params.iouThrs().length;
        int numR = params.recThrs().length;
        int numK = categoryIds.length;
        int numA = params.areaRanges().size();
        int numM = params.maxDets().length;
        double[] precision = new double[numT * numR * numK * numA * numM];
        double[] recall = new double[numT * numK * numA * numM];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
        Accumulation acc = new Accumulation(params, categoryIds.clone(), precision, recall);

        Map<Integer, Integer> categoryIndex = new HashMap<>();
        for (int k = 0; k < numK; k++) {
            categoryIndex.put(categoryIds[k], k);
        }
        List<List<MatchTally>> groups = new ArrayList<>(numK * numA);
        for (int i = 0; i < numK * numA; i++) {
            groups.add(new ArrayList<>());
        }
        for (MatchTally tally : tallies) {
            Integer k = categoryIndex.get(tally.categoryId());
            if (k != null) {
                groups.get(k * numA + tally.areaIndex()).add(tally);
            }
        }
        for (int k = 0; k < numK; k++) {
            for (int a = 0; a < numA; a++) {
                List<MatchTally> group = groups.get(k * numA + a);
                if (group.isEmpty()) {
                    continue;
                }
                group.sort(Comparator.comparingLong(MatchTally::imageId));
                for (int m = 0; m < numM; m++) {
                    accumulateOne(acc, group, k, a, m);
                }
            }
        }
        return acc;
    }

    private static void accumulateOne(Accumulation acc, List<MatchTally> group, int k, int a, int m) {
        EvalParams params = acc.params();
        int maxDet = params.maxDets()[m];
        int total = 0;
        int numGt = 0;
        for (MatchTally tally : group) {
            total += Math.min(maxDet, tally.scores().length);
            numGt += tally.numGt();
        }
        if (numGt == 0) {
            return;
        }
        double[] scores = new double[total];
        int[] matched = new int[total];
        int[] ignored = new int[total];
        int pos = 0;
        for (MatchTally tally : group) {
            int n = Math.min(maxDet, tally.scores().length);
            System.arraycopy(tally.scores(), 0, scores, pos, n);
            System.arraycopy(tally.matched(), 0, matched, pos, n);
            System.arraycopy(tally.ignored(), 0, ignored, pos, n);
            pos += n;
        }
        int[] order = StableOrder.byDescendingScore(scores);
        double[] recThrs = params.recThrs();
        double[] rc = new double[total];
        double[] pr = new double[total];
        for (int t = 0; t < params.iouThrs().length; t++) {
            int bit = 1 << t;
            double tp = 0;
            double fp = 0;
            for (int i = 0; i < total; i++) {
                int d = order[i];
                if ((ignored[d] & bit) == 0) {
                    if ((matched[d] & bit) != 0) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                rc[i] = tp / numGt;
                pr[i] = tp / (fp + tp + NumpyMath.EPS);
            }
            acc.recall()[acc.recallIndex(t, k, a, m)] = total > 0 ? rc[total - 1] : 0;
            for (int i = total - 1; i > 0; i--) {
                if (pr[i] > pr[i - 1]) {
                    pr[i - 1] = pr[i];
                }
            }
            for (int r = 0; r < recThrs.length; r++) {
                int i = searchLeft(rc, total, recThrs[r]);
                acc.precision()[acc.precisionIndex(t, r, k, a, m)] = i < total ? pr[i] : 0;
            }
        }
    }

    /** {@code np.searchsorted(rc, value, side='left')} on the non-decreasing {@code rc[0, n)}. */
    private static int searchLeft(double[] rc, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rc[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
