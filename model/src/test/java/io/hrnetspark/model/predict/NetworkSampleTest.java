package io.hrnetspark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.fixture.NpyArray;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NetworkSampleTest {

    /** The flip test's input is {@code torch.flip(input, [3])}: every row of every channel reversed. */
    @Test
    void mirroringReversesEveryRow() {
        NpyArray input = NpyArray.fixture("pose-tiny/input.npy");
        int height = input.shape()[2];
        int width = input.shape()[3];
        NetworkSample first = new NetworkSample(width, height, Arrays.copyOf(input.floats(), 3 * height * width));
        float[] mirrored = first.mirrored().chw();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int row = (c * height + y) * width;
                    assertEquals(first.chw()[row + width - 1 - x], mirrored[row + x]);
                }
            }
        }
        assertArrayEquals(first.chw(), first.mirrored().mirrored().chw());
    }

    @Test
    void sizeMustMatchTheFloats() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkSample(4, 2, new float[23]));
        assertEquals("A 4x2 sample needs 24 floats, got 23", e.getMessage());
    }
}
