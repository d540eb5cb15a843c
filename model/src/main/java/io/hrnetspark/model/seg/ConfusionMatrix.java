package io.hrnetspark.model.seg;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.eval.NumpyMath;
import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The pixel confusion matrix of semantic segmentation and the scores the official
 * {@code HRNet-Semantic-Segmentation} test reports from it, equal to its {@code get_confusion_matrix}
 * and {@code testval}: pixels whose ground truth is the ignore label are skipped, ground-truth
 * values that are not a class index fall outside the matrix and count nowhere, and every class
 * enters the mean IoU, a class absent from both ground truth and prediction with IoU 0. Counts add
 * up over images ({@link #add(LabelMap, LabelMap)}) and over partial matrices ({@link #add(ConfusionMatrix)}).
 *
 * <p>A prediction may leave pixels without a class ({@link #add(LabelMap, LabelMap, BitSet)}, e.g. masks that
 * do not cover the image): such a pixel of ground-truth class g counts as a miss of g, in g's ground-truth
 * pixels and in no class's predicted pixels, as if predicted as a class outside the matrix that never scores.
 * The official code always predicts every pixel, so with full predictions the scores are the official ones.
 * Not thread-safe.
 */
public final class ConfusionMatrix implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int numClasses;
    private final int ignoreLabel;
    /** Pixels of ground-truth class g predicted as p at {@code g * numClasses + p}. */
    private final long[] counts;
    /** Pixels of ground-truth class g that no prediction covers, at {@code g}. */
    private final long[] unpredicted;

    /**
     * @param ignoreLabel the ground-truth value that scores nothing ({@code TRAIN.IGNORE_LABEL}, 255 in
     *                    the official experiment files; a value outside 0-255 ignores nothing)
     */
    public ConfusionMatrix(int numClasses, int ignoreLabel) {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("Number of classes must be 1 to 256: " + numClasses);
        }
        this.numClasses = numClasses;
        this.ignoreLabel = ignoreLabel;
        this.counts = new long[numClasses * numClasses];
        this.unpredicted = new long[numClasses];
    }

    public int numClasses() {
        return numClasses;
    }

    /**
     * Adds the pixels of one image.
     *
     * @throws InvalidInputException when the maps differ in size
     * @throws IllegalArgumentException when the prediction holds a value that is not a class index
     */
    public void add(LabelMap groundTruth, LabelMap prediction) {
        add(groundTruth, prediction, null);
    }

    /**
     * Adds the pixels of one image whose prediction holds a class only where {@code predicted} is set
     * (row-major pixel index); the other pixels are misses of their ground-truth class.
     *
     * @param predicted {@code null} when every pixel is predicted
     * @throws InvalidInputException when the maps differ in size
     * @throws IllegalArgumentException when a predicted pixel holds a value that is not a class index
     */
    public void add(LabelMap groundTruth, LabelMap prediction, BitSet predicted) {
        if (groundTruth.width() != prediction.width() || groundTruth.height() != prediction.height()) {
            throw new InvalidInputException("The ground truth is " + groundTruth.width() + "x"
                    + groundTruth.height() + " pixels but the prediction is " + prediction.width() + "x"
                    + prediction.height() + ": score each prediction against the label map of its own image.");
        }
        byte[] truth = groundTruth.labels();
        byte[] labels = prediction.labels();
        for (int i = 0; i < truth.length; i++) {
            int g = Byte.toUnsignedInt(truth[i]);
            boolean scored = g != ignoreLabel && g < numClasses;
            if (predicted != null && !predicted.get(i)) {
                if (scored) {
                    unpredicted[g]++;
                }
                continue;
            }
            int p = Byte.toUnsignedInt(labels[i]);
            if (p >= numClasses) {
                throw new IllegalArgumentException("Predicted class " + p + " at pixel " + i + " is not below "
                        + numClasses);
            }
            if (scored) {
                counts[g * numClasses + p]++;
            }
        }
    }

    /** Adds the counts of another matrix of the same classes and ignore label. */
    public void add(ConfusionMatrix other) {
        if (other.numClasses != numClasses || other.ignoreLabel != ignoreLabel) {
            throw new IllegalArgumentException("Cannot add a matrix of " + other.numClasses + " classes (ignore "
                    + other.ignoreLabel + ") to one of " + numClasses + " (ignore " + ignoreLabel + ")");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        for (int i = 0; i < unpredicted.length; i++) {
            unpredicted[i] += other.unpredicted[i];
        }
    }

    /** Pixels of ground-truth class {@code groundTruth} predicted as {@code predicted}. */
    public long count(int groundTruth, int predicted) {
        return counts[groundTruth * numClasses + predicted];
    }

    /** Pixels of ground-truth class {@code groundTruth} that the prediction left without a class. */
    public long unpredicted(int groundTruth) {
        return unpredicted[groundTruth];
    }

    /** Per class {@code tp / max(1, gt + predicted - tp)}. */
    public double[] iou() {
        double[] iou = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            double tp = count(c, c);
            iou[c] = tp / Math.max(1.0, groundTruthPixels(c) + predictedPixels(c) - tp);
        }
        return iou;
    }

    /** The mean of {@link #iou()} over all classes ({@code IoU_array.mean()}). */
    public double meanIou() {
        return NumpyMath.mean(iou());
    }

    /** Correct pixels over scored pixels ({@code tp.sum() / pos.sum()}; NaN when no pixel was scored). */
    public double pixelAccuracy() {
        double[] tp = new double[numClasses];
        double[] positives = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            tp[c] = count(c, c);
            positives[c] = groundTruthPixels(c);
        }
        return NumpyMath.sum(tp) / NumpyMath.sum(positives);
    }

    /** The mean over classes of {@code tp / max(1, gt)}. */
    public double meanAccuracy() {
        double[] accuracy = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            accuracy[c] = count(c, c) / Math.max(1.0, groundTruthPixels(c));
        }
        return NumpyMath.mean(accuracy);
    }

    private double groundTruthPixels(int c) {
        double[] row = new double[numClasses + 1];
        for (int p = 0; p < numClasses; p++) {
            row[p] = count(c, p);
        }
        row[numClasses] = unpredicted[c];
        return NumpyMath.sum(row);
    }

    private double predictedPixels(int c) {
        double[] column = new double[numClasses];
        for (int g = 0; g < numClasses; g++) {
            column[g] = count(g, c);
        }
        return NumpyMath.sum(column);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[" + numClasses + " classes, ignore " + ignoreLabel + ", "
                + (Arrays.stream(counts).sum() + Arrays.stream(unpredicted).sum()) + " pixels]";
    }
}
