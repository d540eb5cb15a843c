package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NumpyMathTest {

    private static double[] values(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1.0 / (i + 3) + (i % 7) * 0.1;
        }
        return a;
    }

    private static double leftToRight(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    @Test
    void sumIsNumpysPairwiseSummationBitForBit() {
        // Expected values printed by NumPy's np.sum / np.mean on the same arrays.
        int[] sizes = {5, 17, 100, 1010, 7070};
        String[] sums = {"0x1.0be2be2be2be4p+1", "0x1.a30e2aa289e12p+2", "0x1.09a81ad52b9b7p+5",
            "0x1.347f552e432f1p+8", "0x1.0a1e1e2ff09eap+11"};
        String[] means = {"0x1.ac9dfd130463ap-2", "0x1.8a67afa8094c6p-2", "0x1.540a5fc92d93cp-2",
            "0x1.38c60a52638b8p-2", "0x1.3459a5676aaaap-2"};
        for (int i = 0; i < sizes.length; i++) {
            double[] a = values(sizes[i]);
            assertEquals(Double.parseDouble(sums[i]), NumpyMath.sum(a), 0.0, "n=" + sizes[i]);
            assertEquals(Double.parseDouble(means[i]), NumpyMath.mean(a), 0.0, "n=" + sizes[i]);
        }
        // The order matters: a plain loop gives other bits for these sizes.
        assertNotEquals(leftToRight(values(1010)), NumpyMath.sum(values(1010)));
    }

    @Test
    void roundIsNumpyRintOfTheScaledValueNotDecimalRounding() {
        assertEquals(0.1234, NumpyMath.round(0.12345, 4));
        assertEquals(0.6616, NumpyMath.round(0.66155, 4));
    }

    @Test
    void fixedFormatsLikePythonFromTheExactBinaryValue() {
        assertEquals("0.124", NumpyMath.fixed(0.1245, 3));
        assertEquals("0.001", NumpyMath.fixed(0.0005, 3));
        assertEquals("-1.000", NumpyMath.fixed(-1, 3));
        assertEquals("0.50", NumpyMath.fixed(0.5, 2));
        assertEquals("0.95", NumpyMath.fixed(0.95, 2));
    }
}
