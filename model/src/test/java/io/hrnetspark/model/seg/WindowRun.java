package io.hrnetspark.model.seg;

import io.hrnetspark.model.net.InferenceNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/** The official {@code inference()} of one input as the tests run it: network (and mirror), then {@link WindowInference}. */
final class WindowRun {

    private WindowRun() {
    }

    /** The class probabilities of {@code image}, channels-last at its size. */
    static INDArray probabilities(InferenceNetwork network, WindowInference inference, PlanarImage image) {
        INDArray input = image.batch();
        INDArray logits = network.output(input).get(0);
        INDArray mirrored = inference.flipTest()
                ? network.output(Nd4j.exec(new Reverse(input, 3))[0]).get(0) : null;
        return inference.probabilities(logits, mirrored, image.width(), image.height());
    }

    /** The logits of an NCHW batch of one, resized to its height and width, channels-last. */
    static INDArray resizedLogits(InferenceNetwork network, WindowInference inference, INDArray input) {
        return inference.resizedLogits(network.output(input).get(0), (int) input.size(3), (int) input.size(2));
    }
}
