package io.hrnetspark.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.dataset.SegmentationClasses.SegmentationClass;
import org.junit.jupiter.api.Test;

class SegmentationClassesTest {

    @Test
    void cityscapesHasTheNineteenTrainIdClassesWithTheirColours() {
        SegmentationClasses cityscapes = SegmentationClasses.byName("Cityscapes");
        assertEquals(19, cityscapes.numClasses());
        assertEquals(new SegmentationClass(0, "road", 128, 64, 128), cityscapes.classes().get(0));
        assertEquals(new SegmentationClass(13, "car", 0, 0, 142), cityscapes.classes().get(13));
        assertEquals(new SegmentationClass(18, "bicycle", 119, 11, 32), cityscapes.classes().get(18));
        assertEquals(7, cityscapes.flipIndex()[7]);
    }

    @Test
    void lipHasTwentyClassesAndSwapsLeftAndRightInTheFlipTest() {
        SegmentationClasses lip = SegmentationClasses.LIP;
        assertEquals(20, lip.numClasses());
        assertEquals("Background", lip.classes().get(0).name());
        assertEquals("Right-shoe", lip.classes().get(19).name());
        int[] flip = lip.flipIndex();
        // lib/datasets/lip.py: 14<->15 (arms), 16<->17 (legs), 18<->19 (shoes); everything else stays.
        assertEquals(15, flip[14]);
        assertEquals(14, flip[15]);
        assertEquals(17, flip[16]);
        assertEquals(19, flip[18]);
        assertEquals(13, flip[13]);
    }

    @Test
    void unknownDatasetIsRefusedWithTheChoices() {
        assertEquals("Unknown segmentation dataset 'ade20k': use cityscapes or lip.",
                assertThrows(IllegalArgumentException.class, () -> SegmentationClasses.byName("ade20k")).getMessage());
    }
}
