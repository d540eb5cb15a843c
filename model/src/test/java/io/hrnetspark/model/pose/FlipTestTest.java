package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.fixture.NpyArray;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlipTestTest {

    @Test
    void mergedHeatmapsEqualTheOfficialFlipTestAverage() {
        NpyArray heatmaps = NpyArray.fixture("pose-tiny/heatmaps.npy");
        NpyArray flipped = NpyArray.fixture("pose-tiny/output_flipped_input_raw.npy");
        NpyArray expected = NpyArray.fixture("pose-tiny/heatmaps_flip.npy");
        float[] merged = new FlipTest(KeypointSpec.COCO, true)
                .merge(heatmaps.floats(), flipped.floats(), heatmaps.shape()[2], heatmaps.shape()[3]);
        // the same float32 operations as the official code: bit-equal, well inside the README's 2e-3
        assertArrayEquals(expected.floats(), merged);
    }

    @Test
    void flippedOutputIsMirroredSwappedAndShiftedOneColumnRight() {
        KeypointSpec spec = KeypointSpec.COCO;
        int k = spec.numKeypoints();
        int height = 2;
        int width = 4;
        float[] zeros = new float[k * height * width];
        float[] flipped = new float[zeros.length];
        // left eye (1) of the flipped output: row 0 = 1 2 3 4, row 1 = 5 6 7 8
        for (int i = 0; i < height * width; i++) {
            flipped[height * width + i] = i + 1;
        }
        float[] shifted = new FlipTest(spec, true).merge(zeros, flipped, height, width);
        // lands on the right eye (2), mirrored (4 3 2 1) then shifted (4 4 3 2), halved
        float[] rightEye = Arrays.copyOfRange(shifted, 2 * height * width, 3 * height * width);
        assertArrayEquals(new float[] {2f, 2f, 1.5f, 1f, 4f, 4f, 3.5f, 3f}, rightEye);
        float[] unshifted = new FlipTest(spec, false).merge(zeros, flipped, height, width);
        float[] rightEyePlain = Arrays.copyOfRange(unshifted, 2 * height * width, 3 * height * width);
        assertArrayEquals(new float[] {2f, 1.5f, 1f, 0.5f, 4f, 3.5f, 3f, 2.5f}, rightEyePlain);
        assertEquals(0f, shifted[height * width], "left eye takes the (zero) right-eye map");
    }

    @Test
    void outputsOfDifferentSizesAreRefused() {
        FlipTest flip = new FlipTest(KeypointSpec.COCO, true);
        assertThrows(IllegalArgumentException.class, () -> flip.merge(new float[17 * 4], new float[17 * 2], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> flip.merge(new float[16 * 4], new float[16 * 4], 2, 2));
    }
}
