package io.hrnetspark.model.seg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What the official {@code inference(config, model, image, flip)} of the segmentation datasets does
 * with the network's logits of one input: resized bilinearly to the input's size; with the flip
 * test, averaged with the logits of the mirrored input, mirrored back (with the classes of each
 * left/right pair swapped, as {@code lip.py} does); then {@code exp()}. Immutable and thread-safe.
 */
final class WindowInference {

    private final boolean alignCorners;
    private final boolean flipTest;
    private final int[] flipIndex;

    /**
     * @param flipIndex for each class, the class whose mirrored logits it takes in the flip test
     */
    WindowInference(boolean alignCorners, boolean flipTest, int[] flipIndex) {
        this.alignCorners = alignCorners;
        this.flipTest = flipTest;
        this.flipIndex = flipIndex.clone();
    }

    boolean flipTest() {
        return flipTest;
    }

    /**
     * The class probabilities of one {@code width x height} input, channels-last at its size.
     *
     * @param logits         the network's logits for the input, {@code [1, classes, h, w]}
     * @param mirroredLogits the logits for the input mirrored along its width (flip test), else {@code null}
     */
    INDArray probabilities(INDArray logits, INDArray mirroredLogits, int width, int height) {
        INDArray scores = resizedLogits(logits, width, height);
        if (flipTest) {
            INDArray mirrored = resizedLogits(mirroredLogits, width, height);
            INDArray back = Nd4j.exec(new Reverse(swapPairs(mirrored), 2))[0];
            scores.addi(back).muli(0.5);
            mirrored.close();
            back.close();
        }
        return Transforms.exp(scores, false);
    }

    /** NCHW logits {@code [1, classes, h, w]} resized to {@code width x height}, channels-last. */
    INDArray resizedLogits(INDArray logits, int width, int height) {
        try (INDArray channelsLast = ClassScores.channelsLast(logits)) {
            return ClassScores.resized(channelsLast, height, width, alignCorners);
        }
    }

    private INDArray swapPairs(INDArray scores) {
        boolean identity = true;
        for (int c = 0; c < flipIndex.length; c++) {
            identity &= flipIndex[c] == c;
        }
        if (identity) {
            return scores;
        }
        INDArray swapped = scores.dup();
        for (int c = 0; c < flipIndex.length; c++) {
            if (flipIndex[c] != c) {
                swapped.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(c))
                        .assign(scores.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                                NDArrayIndex.point(flipIndex[c])));
            }
        }
        return swapped;
    }
}
