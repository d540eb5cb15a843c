package io.hrnetspark.model.seg;

import io.hrnetspark.model.net.InferenceNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The official {@code inference(config, model, image, flip)} of the segmentation datasets: the
 * network's logits resized bilinearly to the input's size; with the flip test, averaged with the
 * logits of the mirrored input, mirrored back (with the classes of each left/right pair swapped,
 * as {@code lip.py} does); then {@code exp()}. Thread-confined, like the network.
 */
final class WindowInference {

    private final InferenceNetwork network;
    private final boolean alignCorners;
    private final boolean flipTest;
    private final int[] flipIndex;

    /**
     * @param flipIndex for each class, the class whose mirrored logits it takes in the flip test
     */
    WindowInference(InferenceNetwork network, boolean alignCorners, boolean flipTest, int[] flipIndex) {
        this.network = network;
        this.alignCorners = alignCorners;
        this.flipTest = flipTest;
        this.flipIndex = flipIndex.clone();
    }

    /** The class probabilities ({@code exp} of the logits) of {@code image}, channels-last at its size. */
    INDArray probabilities(PlanarImage image) {
        INDArray input = image.batch();
        INDArray scores = resizedLogits(input);
        if (flipTest) {
            INDArray mirrored = resizedLogits(Nd4j.exec(new Reverse(input, 3))[0]);
            INDArray back = Nd4j.exec(new Reverse(swapPairs(mirrored), 2))[0];
            scores.addi(back).muli(0.5);
            mirrored.close();
            back.close();
        }
        input.close();
        return Transforms.exp(scores, false);
    }

    /** The logits of an NCHW batch of one, resized to its height and width, channels-last. */
    INDArray resizedLogits(INDArray input) {
        try (INDArray logits = network.output(input).get(0);
             INDArray channelsLast = ClassScores.channelsLast(logits)) {
            return ClassScores.resized(channelsLast, (int) input.size(2), (int) input.size(3), alignCorners);
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
