package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.mask.Rle;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskPredictionTest {

    @Test
    void theClassMasksOfALabelMapPaintItBack() {
        LabelMap map = ConfusionMatrixTest.map(new int[][] {{0, 13, 18, 18}, {2, 2, 0, 13}, {18, 0, 0, 2}});
        MaskPrediction painted = MaskPrediction.paint(4, 3, map.classMasks(), "image 1");
        assertEquals(map, painted.labels());
        assertEquals(12, painted.covered().cardinality());
        assertEquals(0, painted.uncovered());
    }

    @Test
    void pixelsWithoutAMaskAreUncovered() {
        LabelMap map = ConfusionMatrixTest.map(new int[][] {{0, 1}, {1, 1}});
        List<ClassMask> onlyOnes = map.classMasks().stream().filter(m -> m.classId() == 1).toList();
        MaskPrediction painted = MaskPrediction.paint(2, 2, onlyOnes, "image 1");
        assertEquals(1, painted.uncovered());
        assertEquals(false, painted.covered().get(0));
        assertEquals(true, painted.covered().get(3));
    }

    @Test
    void overlapsAndWrongSizesAreOneSentence() {
        ClassMask all = new ClassMask(3, new Rle(2, 2, new long[] {0, 4}));
        ClassMask first = new ClassMask(5, new Rle(2, 2, new long[] {1, 1, 2}));
        assertEquals("image 7: the masks of classes 3 and 5 overlap at pixel (0, 1); a label map gives each pixel"
                        + " one class.",
                assertThrows(InvalidInputException.class,
                        () -> MaskPrediction.paint(2, 2, List.of(all, first), "image 7")).getMessage());
        assertEquals("image 7: the mask of class 3 is 2x2 pixels but the image is 3x2; a mask's size is"
                        + " [height, width] of its image.",
                assertThrows(InvalidInputException.class,
                        () -> MaskPrediction.paint(3, 2, List.of(all), "image 7")).getMessage());
    }
}
