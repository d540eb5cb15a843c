package io.hrnetspark.model.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The floating-point operation order of the NumPy calls the official evaluators make, so sums,
 * means and rounding agree bit for bit: {@code np.sum}/{@code np.mean} (pairwise summation),
 * {@code round(np.float64, d)} and Python's {@code '{:0.Nf}'} formatting.
 */
public final class NumpyMath {

    /** {@code np.spacing(1)}, the eps of OKS and of {@code tp / (tp + fp + eps)}. */
    public static final double EPS = Math.ulp(1.0);

    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /** {@code np.sum} of {@code a[from, from+n)}: NumPy's pairwise summation of float64. */
    public static double sum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return sum(a, from, half) + sum(a, from + half, n - half);
    }

    /** {@code np.sum} of the whole array. */
    public static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    /** {@code np.mean}: the pairwise sum divided by the count (NaN for an empty array). */
    public static double mean(double[] a) {
        return sum(a) / a.length;
    }

    /** {@code round(np.float64(x), decimals)}: {@code rint(x * 10^d) / 10^d}, half to even. */
    public static double round(double x, int decimals) {
        double scale = 1.0;
        for (int i = 0; i < decimals; i++) {
            scale *= 10.0;
        }
        return Math.rint(x * scale) / scale;
    }

    /** Python's {@code '{:0.Nf}'.format(x)}: the exact binary value rounded half to even. */
    public static String fixed(double x, int digits) {
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
