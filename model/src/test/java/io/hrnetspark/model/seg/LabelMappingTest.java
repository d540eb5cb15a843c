package io.hrnetspark.model.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.SegmentationClasses;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMappingTest {

    /** {@code label_mapping} of the official lib/datasets/cityscapes.py with ignore_label 255, as written there. */
    private static final Map<Integer, Integer> OFFICIAL = Map.ofEntries(
            Map.entry(0, 255), Map.entry(1, 255), Map.entry(2, 255), Map.entry(3, 255), Map.entry(4, 255),
            Map.entry(5, 255), Map.entry(6, 255), Map.entry(7, 0), Map.entry(8, 1), Map.entry(9, 255),
            Map.entry(10, 255), Map.entry(11, 2), Map.entry(12, 3), Map.entry(13, 4), Map.entry(14, 255),
            Map.entry(15, 255), Map.entry(16, 255), Map.entry(17, 5), Map.entry(18, 255), Map.entry(19, 6),
            Map.entry(20, 7), Map.entry(21, 8), Map.entry(22, 9), Map.entry(23, 10), Map.entry(24, 11),
            Map.entry(25, 12), Map.entry(26, 13), Map.entry(27, 14), Map.entry(28, 15), Map.entry(29, 255),
            Map.entry(30, 255), Map.entry(31, 16), Map.entry(32, 17), Map.entry(33, 18));

    @Test
    void cityscapesLabelIdsBecomeTrainIdsAsTheOfficialConvertLabel() {
        byte[] all = new byte[256];
        for (int v = 0; v < 256; v++) {
            all[v] = (byte) v;
        }
        LabelMap mapped = LabelMapping.CITYSCAPES.toClassIndices(new LabelMap(16, 16, all));
        for (int v = 0; v < 256; v++) {
            // convert_label leaves values the mapping does not name (34-255) as they are.
            assertEquals(OFFICIAL.getOrDefault(v, v), mapped.label(v % 16, v / 16), "label id " + v);
        }
    }

    @Test
    void lipAndIdentityKeepTheStoredValues() {
        LabelMap map = ConfusionMatrixTest.map(new int[][] {{0, 7, 19}, {255, 33, 3}});
        assertSame(map, LabelMapping.LIP.toClassIndices(map));
        assertSame(map, LabelMapping.IDENTITY.toClassIndices(map));
    }

    @Test
    void groundTruthFilesFollowEachDatasetsNaming() {
        assertEquals("gtFine/val/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png",
                LabelMapping.CITYSCAPES.groundTruthPath("leftImg8bit/val/frankfurt/frankfurt_000000_000294_leftImg8bit.png"));
        assertEquals("val/lindau/lindau_000001_000019_gtFine_labelIds.png",
                LabelMapping.CITYSCAPES.groundTruthPath("val/lindau/lindau_000001_000019_leftImg8bit.png"));
        assertEquals("leftImg8bit/street.png", LabelMapping.CITYSCAPES.groundTruthPath("leftImg8bit/street.jpg"),
                "not a Cityscapes file name: the identity rule");
        assertEquals("val_segmentations/100034_483681.png",
                LabelMapping.LIP.groundTruthPath("val_images/100034_483681.jpg"));
        assertEquals("a/b/c.d.png", LabelMapping.IDENTITY.groundTruthPath("a/b/c.d.jpg"));
        assertEquals("frame.png", LabelMapping.IDENTITY.groundTruthPath("frame"));
    }

    @Test
    void namesAndClasses() {
        assertSame(LabelMapping.LIP, LabelMapping.byName("LIP"));
        assertEquals(19, LabelMapping.CITYSCAPES.classes().orElseThrow().numClasses());
        assertSame(SegmentationClasses.LIP, LabelMapping.LIP.classes().orElseThrow());
        assertEquals("Unknown label map 'ade': use cityscapes, lip or identity.",
                assertThrows(InvalidInputException.class, () -> LabelMapping.byName("ade")).getMessage());
    }
}
