package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.seg.MultiScaleInference.Tiling;
import io.hrnetspark.model.seg.MultiScaleInference.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The scales and windows of the official {@code multi_scale_inference} variants. */
class MultiScaleInferenceTest {

    private static final float[] PAD = {-2.1f, -2.0f, -1.8f};

    /** Cityscapes at scale 1.5: 1536x3072 in 1024x2048 windows, the last row and column shifted back. */
    @Test
    void cityscapesWindowsEndAtTheBorder() {
        MultiScaleInference inference = inference(Tiling.CITYSCAPES, 2048, 2048, 1024, List.of(1.5));
        assertEquals(List.of(new Window(0, 0, 2048, 1024), new Window(1024, 0, 3072, 1024),
                new Window(0, 512, 2048, 1536), new Window(1024, 512, 3072, 1536)), inference.windows(3072, 1536));
    }

    /** LIP: 473x473 crops, stride int(473 * 2 / 3) = 315, windows clipped at the border (then padded). */
    @Test
    void baseWindowsStepTwoThirdsOfTheCrop() {
        MultiScaleInference inference = inference(Tiling.BASE, 473, 473, 473, List.of(1.0));
        assertEquals(List.of(new Window(0, 0, 473, 473), new Window(315, 0, 710, 473),
                new Window(0, 315, 473, 600), new Window(315, 315, 710, 600)), inference.windows(710, 600));
        assertEquals(List.of(new Window(0, 0, 473, 473)), inference.windows(473, 473));
    }

    /** {@code multi_scale_aug}: the long side becomes int(base * scale + 0.5), the other side keeps the ratio. */
    @Test
    void scaledImagesKeepTheAspectRatioWithPythonRounding() {
        MultiScaleInference inference = inference(Tiling.CITYSCAPES, 100, 64, 64, List.of(1.0));
        PlanarImage landscape = image(128, 64);
        assertSize(75, 38, inference.scaledImage(landscape, 0.75));
        assertSize(100, 50, inference.scaledImage(landscape, 1.0));
        assertSize(128, 64, inference.scaledImage(image(128, 64), 1.28));
        PlanarImage portrait = image(30, 70);
        assertSize(21, 50, inference.scaledImage(portrait, 0.5));
    }

    /**
     * Every window sees the image content at its own place: with a "network" that returns the input's
     * first channel and a constant, the averaged result is the image's first channel and the constant,
     * whatever the overlap and padding.
     */
    @Test
    void tiledProbabilitiesAverageOverlappingWindowsInPlace() {
        List<int[]> inputSizes = new ArrayList<>();
        Function<PlanarImage, INDArray> echo = window -> {
            inputSizes.add(new int[] {window.width(), window.height()});
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 1, window.height(), window.width(), 2);
            int plane = window.width() * window.height();
            for (int p = 0; p < plane; p++) {
                out.putScalar(new long[] {0, p / window.width(), p % window.width(), 0}, window.chw()[p]);
                out.putScalar(new long[] {0, p / window.width(), p % window.width(), 1}, 3f);
            }
            return out;
        };
        PlanarImage image = image(10, 7);
        for (Tiling tiling : Tiling.values()) {
            inputSizes.clear();
            MultiScaleInference inference = inference(tiling, 10, 6, 6, List.of(1.0, 2.0));
            INDArray result = probabilities(inference, echo, image);
            assertEquals(List.of(1L, 7L, 10L, 2L), List.of(result.size(0), result.size(1), result.size(2),
                    result.size(3)));
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 10; x++) {
                    // Two scales: scale 2 is resized back to 10x7, so only the constant channel is exact there.
                    assertEquals(6f, result.getFloat(0, y, x, 1), 1e-5f, tiling + " count at " + x + "," + y);
                }
            }
            if (tiling == Tiling.BASE) {
                // Scale 1 of BASE: 10x7 is larger than the 6x6 crop: windows, the border ones padded to 6x6.
                assertTrue(inputSizes.stream().allMatch(s -> s[0] == 6 && s[1] == 6));
            } else {
                // Scale 1 of Cityscapes runs whole; scale 2 (20x14) in 6x6 windows.
                assertEquals(10, inputSizes.get(0)[0]);
                assertEquals(7, inputSizes.get(0)[1]);
            }
        }
        MultiScaleInference single = inference(Tiling.BASE, 10, 6, 6, List.of(1.0));
        INDArray result = probabilities(single, echo, image);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(image.chw()[y * 10 + x], result.getFloat(0, y, x, 0), 1e-6f, x + "," + y);
            }
        }
    }

    /** An image that fits in the crop runs once, padded with the normalised black of the official code. */
    @Test
    void smallImagesArePaddedToTheCrop() {
        List<PlanarImage> inputs = new ArrayList<>();
        Function<PlanarImage, INDArray> record = window -> {
            inputs.add(window);
            return Nd4j.ones(DataType.FLOAT, 1, window.height(), window.width(), 1);
        };
        INDArray result = probabilities(inference(Tiling.BASE, 5, 8, 8, List.of(1.0)), record, image(5, 3));
        assertEquals(1, inputs.size());
        PlanarImage padded = inputs.get(0);
        assertEquals(8, padded.width());
        assertEquals(8, padded.height());
        assertEquals(PAD[1], padded.chw()[64 + 7 * 8 + 7]);
        assertEquals(image(5, 3).chw()[15 + 2 * 5 + 4], padded.chw()[64 + 2 * 8 + 4]);
        assertEquals(List.of(3L, 5L), List.of(result.size(1), result.size(2)));
    }

    private static MultiScaleInference inference(Tiling tiling, int baseSize, int cropWidth, int cropHeight,
                                                 List<Double> scales) {
        return new MultiScaleInference(tiling, baseSize, cropWidth, cropHeight, scales, false, PAD);
    }

    /** The summed probabilities of {@code image} with {@code network} run on each of its inputs in order. */
    private static INDArray probabilities(MultiScaleInference inference, Function<PlanarImage, INDArray> network,
                                          PlanarImage image) {
        List<PlanarImage> inputs = inference.inputs(image);
        return inference.combine(image.width(), image.height(), i -> network.apply(inputs.get(i)));
    }

    /** A 3-channel image whose values code the channel and position. */
    private static PlanarImage image(int width, int height) {
        float[] chw = new float[3 * width * height];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 97) / 97f - 0.5f;
        }
        return new PlanarImage(width, height, chw);
    }

    private static void assertSize(int width, int height, PlanarImage image) {
        assertEquals(width, image.width(), "width");
        assertEquals(height, image.height(), "height");
    }
}
