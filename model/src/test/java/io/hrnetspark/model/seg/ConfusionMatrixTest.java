package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * The confusion matrix and scores equal the official {@code get_confusion_matrix} and {@code testval}.
 * Expected values: the official NumPy steps (boolean mask of the ignore label, {@code gt * n + pred},
 * {@code np.bincount} cut to n x n, {@code tp / np.maximum(1.0, pos + res - tp)}, {@code .mean()}) run on
 * these maps.
 */
class ConfusionMatrixTest {

    private static final int IGNORE = 255;

    // Ground truth with ignored pixels (255) and values that are no class (9, 4), as the official code drops them.
    private static final int[][] GT_A = {{0, 0, 1, 1, 2}, {0, 255, 1, 3, 2}, {9, 0, 1, 1, 2}, {0, 0, 255, 1, 2}};
    private static final int[][] PRED_A = {{0, 1, 1, 1, 2}, {0, 0, 1, 3, 3}, {0, 0, 1, 0, 2}, {0, 0, 2, 1, 2}};
    private static final int[][] GT_B = {{1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}, {255, 255, 255, 1, 1}, {1, 1, 1, 1, 4}};
    private static final int[][] PRED_B = {{1, 1, 1, 0, 1}, {0, 0, 2, 0, 0}, {3, 3, 3, 1, 1}, {1, 1, 1, 1, 0}};

    @Test
    void countsAndScoresEqualTheOfficialNumpySteps() {
        ConfusionMatrix matrix = new ConfusionMatrix(4, IGNORE);
        matrix.add(map(GT_A), map(PRED_A));
        matrix.add(map(GT_B), map(PRED_B));
        long[][] expected = {{9, 1, 1, 0}, {2, 15, 0, 0}, {0, 0, 3, 1}, {0, 0, 0, 1}};
        for (int g = 0; g < 4; g++) {
            for (int p = 0; p < 4; p++) {
                assertEquals(expected[g][p], matrix.count(g, p), g + "," + p);
            }
        }
        assertArrayEquals(new double[] {0.6923076923076923, 0.8333333333333334, 0.6, 0.5}, matrix.iou());
        assertEquals(0.6564102564102564, matrix.meanIou());
        assertEquals(0.8484848484848485, matrix.pixelAccuracy());
        assertEquals(0.8626336898395722, matrix.meanAccuracy());
    }

    @Test
    void partialMatricesAddUpToTheWholeSet() {
        ConfusionMatrix first = new ConfusionMatrix(4, IGNORE);
        first.add(map(GT_A), map(PRED_A));
        ConfusionMatrix second = new ConfusionMatrix(4, IGNORE);
        second.add(map(GT_B), map(PRED_B));
        ConfusionMatrix whole = new ConfusionMatrix(4, IGNORE);
        whole.add(map(GT_A), map(PRED_A));
        whole.add(map(GT_B), map(PRED_B));
        first.add(second);
        assertArrayEquals(whole.iou(), first.iou());
        assertEquals(whole.meanIou(), first.meanIou());
    }

    @Test
    void classesAbsentFromTruthAndPredictionScoreZeroInTheMean() {
        ConfusionMatrix matrix = new ConfusionMatrix(3, IGNORE);
        matrix.add(map(new int[][] {{0, 0}}), map(new int[][] {{0, 0}}));
        assertArrayEquals(new double[] {1, 0, 0}, matrix.iou());
        assertEquals(1.0 / 3, matrix.meanIou());
        assertEquals(1.0, matrix.pixelAccuracy());
    }

    @Test
    void mapsOfDifferentSizesAreOneSentence() {
        ConfusionMatrix matrix = new ConfusionMatrix(4, IGNORE);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> matrix.add(map(GT_A), map(new int[][] {{0, 1}})));
        assertEquals("The ground truth is 5x4 pixels but the prediction is 2x1: score each prediction against "
                + "the label map of its own image.", e.getMessage());
    }

    @Test
    void predictionsOutsideTheClassesAreRefused() {
        ConfusionMatrix matrix = new ConfusionMatrix(2, IGNORE);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> matrix.add(map(new int[][] {{0, 1}}), map(new int[][] {{0, 2}}))).getMessage()
                .startsWith("Predicted class 2 at pixel 1"));
    }

    @Test
    void uncoveredPixelsAreMissesOfTheirGroundTruthClassAndNoClassPrediction() {
        // GT_A with the pixels of its last column left unpredicted; expected: the official NumPy steps with
        // those pixels predicted as a fifth class, rows and tp of classes 0-3, pos over all five columns.
        BitSet predicted = new BitSet();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                predicted.set(y * 5 + x);
            }
        }
        ConfusionMatrix matrix = new ConfusionMatrix(4, IGNORE);
        matrix.add(map(GT_A), map(PRED_A), predicted);
        assertEquals(4, matrix.unpredicted(2));
        assertEquals(0, matrix.count(2, 2));
        assertEquals(5, matrix.count(0, 0));
        assertArrayEquals(new double[] {5.0 / 7, 5.0 / 7, 0, 1}, matrix.iou());
        assertEquals(0.6071428571428572, matrix.meanIou());
        assertEquals(0.6470588235294118, matrix.pixelAccuracy());
        assertEquals(0.6666666666666667, matrix.meanAccuracy(), 1e-15);
    }

    static LabelMap map(int[][] rows) {
        int height = rows.length;
        int width = rows[0].length;
        byte[] labels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                labels[y * width + x] = (byte) rows[y][x];
            }
        }
        return new LabelMap(width, height, labels);
    }
}
