package io.hrnetspark.model.eval;

/**
 * {@code np.argsort(-scores, kind='mergesort')}: indices by descending score, ties in input
 * order, NaN scores last (NumPy's sort order for floats).
 */
final class StableOrder {

    private StableOrder() {
    }

    static int[] byDescendingScore(double[] scores) {
        int n = scores.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n > 1) {
            mergeSort(order, new int[n], 0, n, scores);
        }
        return order;
    }

    private static void mergeSort(int[] idx, int[] tmp, int lo, int hi, double[] scores) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(idx, tmp, lo, mid, scores);
        mergeSort(idx, tmp, mid, hi, scores);
        if (!before(idx[mid], idx[mid - 1], scores)) {
            return;
        }
        System.arraycopy(idx, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j < hi && (i >= mid || before(tmp[j], tmp[i], scores))) {
                idx[k] = tmp[j++];
            } else {
                idx[k] = tmp[i++];
            }
        }
    }

    /** Whether {@code a} sorts strictly before {@code b}: NumPy's {@code a < b} on -score. */
    private static boolean before(int a, int b, double[] scores) {
        double ka = -scores[a];
        double kb = -scores[b];
        return ka < kb || (Double.isNaN(kb) && !Double.isNaN(ka));
    }
}
