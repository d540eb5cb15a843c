package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.coco.mask.Rle;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-class masks of a label map equal the COCO API's encoding of each class's binary mask. */
class LabelMapTest {

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "1, 7, 3", "9, 1, 3", "13, 8, 2", "32, 17, 19", "64, 48, 256"})
    void classMasksEqualRleEncodeOfEachBinaryMask(int width, int height, int classes) {
        Random random = new Random(width * 31L + height);
        byte[] labels = new byte[width * height];
        // Runs of random length, so that masks have both single pixels and long runs across columns.
        for (int i = 0; i < labels.length; ) {
            int value = random.nextInt(classes);
            for (int run = 1 + random.nextInt(6); run > 0 && i < labels.length; run--) {
                labels[i++] = (byte) value;
            }
        }
        LabelMap map = new LabelMap(width, height, labels);
        List<ClassMask> masks = map.classMasks();
        int[] present = IntStream.range(0, labels.length).map(i -> Byte.toUnsignedInt(labels[i])).distinct()
                .sorted().toArray();
        assertArrayEquals(present, masks.stream().mapToInt(ClassMask::classId).toArray());
        long total = 0;
        for (ClassMask mask : masks) {
            byte[] binary = new byte[labels.length];
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < height; y++) {
                    binary[x * height + y] = (byte) (map.label(x, y) == mask.classId() ? 1 : 0);
                }
            }
            Rle expected = Rle.encode(binary, height, width);
            assertEquals(expected, mask.mask(), "class " + mask.classId());
            assertEquals(expected.toCompressed(), mask.compressedCounts());
            assertArrayEquals(expected.toBbox(), mask.bbox());
            total += mask.area();
        }
        assertEquals(labels.length, total);
    }

    @Test
    void masksStartingWithTheClassHaveAZeroFirstRun() {
        LabelMap map = ConfusionMatrixTest.map(new int[][] {{2, 0}, {2, 2}});
        List<ClassMask> masks = map.classMasks();
        // Column-major: 2, 2, 0, 2.
        assertArrayEquals(new long[] {2, 1, 1}, masks.get(0).mask().counts());
        assertArrayEquals(new long[] {0, 2, 1, 1}, masks.get(1).mask().counts());
        assertArrayEquals(new double[] {0, 0, 2, 2}, masks.get(1).bbox());
        assertEquals(3, masks.get(1).area());
    }

    @Test
    void labelsAreCopiedAndSizeChecked() {
        byte[] labels = {1, 2};
        LabelMap map = new LabelMap(2, 1, labels);
        labels[0] = 7;
        assertEquals(1, map.label(0, 0));
        map.labels()[1] = 7;
        assertEquals(2, map.label(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelMap(3, 1, labels));
        assertEquals(map, new LabelMap(2, 1, new byte[] {1, 2}));
        assertEquals(map.hashCode(), new LabelMap(2, 1, new byte[] {1, 2}).hashCode());
        assertNotEquals(map, new LabelMap(1, 2, new byte[] {1, 2}));
    }
}
