package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.SegmentationTestConfig;
import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.ImageNetNormalization;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.InferenceNetwork;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import io.hrnetspark.model.net.SegTinyFixture;
import io.hrnetspark.model.net.SegmentationNetwork;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.AMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The official segmentation test steps of the seg-tiny fixture: normalise, infer, resize, argmax. */
class SegTinyInferenceTest {

    private static InferenceNetwork network;

    @BeforeAll
    static void loadNetwork() {
        network = InferenceNetwork.create(new SegmentationNetwork(SegTinyFixture.config()),
                SegTinyFixture.weights(), "weights.npz", "config.yaml", ExecutionMode.DIRECT);
    }

    @AfterAll
    static void closeNetwork() {
        network.close();
    }

    @Test
    void normalisedImagesEqualTheOfficialInput() {
        NpyArray input = NpyArray.fixture("seg-tiny/input.npy");
        ImageNetNormalization normalization = new ImageNetNormalization(true);
        int perImage = 3 * SegTinyImages.HEIGHT * SegTinyImages.WIDTH;
        for (int n = 0; n < SegTinyImages.COUNT; n++) {
            try (RgbImage image = SegTinyImages.image(n)) {
                float[] chw = PlanarImage.normalized(image, normalization).chw();
                for (int i = 0; i < perImage; i++) {
                    assertEquals(input.values()[n * perImage + i], chw[i], 1e-6, "value " + i);
                }
            }
        }
    }

    @Test
    void resizedLogitsEqualTheOfficialOnes() {
        WindowInference inference = new WindowInference(false, false, identity(19));
        INDArray input = SegTinyFixture.array("input.npy");
        INDArray expected = SegTinyFixture.array("logits_up.npy");
        for (int n = 0; n < SegTinyImages.COUNT; n++) {
            INDArray sample = input.get(NDArrayIndex.interval(n, n + 1)).dup();
            INDArray resized = WindowRun.resizedLogits(network, inference, sample).permute(0, 3, 1, 2);
            assertClose(expected.get(NDArrayIndex.interval(n, n + 1)), resized, 1e-4);
        }
    }

    @Test
    void argmaxOfTheProbabilitiesEqualsTheOfficialLabels() {
        WindowInference inference = new WindowInference(false, false, identity(19));
        INDArray input = SegTinyFixture.array("input.npy");
        for (int n = 0; n < SegTinyImages.COUNT; n++) {
            INDArray sample = input.get(NDArrayIndex.interval(n, n + 1)).dup();
            INDArray probabilities = WindowRun.probabilities(network, inference, new PlanarImage(SegTinyImages.WIDTH,
                    SegTinyImages.HEIGHT, sample.data().asFloat()));
            // The probabilities are exp() of the resized logits: their logarithm is within the logits' tolerance.
            assertClose(SegTinyFixture.array("logits_up.npy").get(NDArrayIndex.interval(n, n + 1))
                    .permute(0, 2, 3, 1), Transforms.log(probabilities, true), 1e-4);
            assertTrue(SegTinyImages.compare(n, ClassScores.argmax(probabilities)) > 8100);
        }
    }

    /**
     * The whole segmenter on the RGB images. The official Cityscapes path first resizes the long side
     * to TEST.BASE_SIZE; with BASE_SIZE equal to the image's long side that is OpenCV's identity, so
     * the result is the fixture's single-scale inference.
     */
    @Test
    void segmenterOnTheImagesGivesTheOfficialLabels() {
        SegmentationConfig config = withTest(SegTinyFixture.config(), 128, List.of(1.0), false);
        try (SemanticSegmenter segmenter = SemanticSegmenter.create(config,
                TorchCheckpoint.load(SegTinyFixture.checkpoint("model_fullmodel_legacy.pth")))) {
            for (int n = 0; n < SegTinyImages.COUNT; n++) {
                try (RgbImage image = SegTinyImages.image(n)) {
                    LabelMap labels = segmenter.segment(image);
                    assertEquals(SegTinyImages.WIDTH, labels.width());
                    assertEquals(SegTinyImages.HEIGHT, labels.height());
                    int decided = SegTinyImages.compare(n, labels);
                    assertTrue(decided > 8100, decided + " pixels decided");
                }
            }
        }
    }

    /**
     * The flip test's average is symmetric: the result for the mirrored image, mirrored back with the
     * left/right classes swapped, is the result for the image, bit for bit.
     */
    @Test
    void flipTestIsMirrorSymmetricWithClassPairsSwapped() {
        int[] flipIndex = identity(19);
        flipIndex[14] = 15;
        flipIndex[15] = 14;
        flipIndex[16] = 17;
        flipIndex[17] = 16;
        WindowInference inference = new WindowInference(false, true, flipIndex);
        INDArray input = SegTinyFixture.array("input.npy").get(NDArrayIndex.interval(0, 1)).dup();
        INDArray mirroredInput = Nd4j.exec(new Reverse(input, 3))[0];
        INDArray direct = WindowRun.probabilities(network, inference, planar(input));
        INDArray ofMirror = WindowRun.probabilities(network, inference, planar(mirroredInput));
        INDArray back = Nd4j.exec(new Reverse(ofMirror, 2))[0];
        INDArray swapped = back.dup();
        for (int c = 0; c < 19; c++) {
            swapped.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(c))
                    .assign(back.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.point(flipIndex[c])));
        }
        assertEquals(direct, swapped);
        INDArray plain = WindowRun.probabilities(network, new WindowInference(false, false, flipIndex),
                planar(input));
        assertTrue(Nd4j.getExecutioner().exec(new AMax(plain.sub(direct))).getDouble(0) > 1e-3,
                "the flip test changes the probabilities");
    }

    static SegmentationConfig withTest(SegmentationConfig config, int baseSize, List<Double> scales, boolean flip) {
        SegmentationTestConfig test = config.test();
        return new SegmentationConfig(config.source(), config.model(), config.dataset(), config.numClasses(),
                config.ignoreLabel(), new SegmentationTestConfig(test.imageSize(), baseSize,
                        test.batchSizePerGpu(), flip, test.multiScale(), scales));
    }

    static int[] identity(int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        return index;
    }

    private static PlanarImage planar(INDArray nchw) {
        return new PlanarImage((int) nchw.size(3), (int) nchw.size(2), nchw.dup('c').data().asFloat());
    }

    static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = Nd4j.getExecutioner().exec(new AMax(expected.castTo(DataType.FLOAT).sub(actual)))
                .getDouble(0);
        assertTrue(maxDiff <= tolerance, "max |diff| " + maxDiff);
    }
}
