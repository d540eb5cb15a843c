package io.hrnetspark.model.coco.mask;

import static io.hrnetspark.model.coco.mask.MaskFixtures.doubles;
import static io.hrnetspark.model.coco.mask.RleReferenceCasesTest.assertMatrixEquals;
import static io.hrnetspark.model.coco.mask.RleReferenceCasesTest.crowdFlags;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskIouTest {

    @Test
    void segmIousOfTheEvaluatorAreReproducedFromTheAnnotationFiles() {
        Fixture fixture = new Fixture();
        JsonNode samples = MaskFixtures.read("ious_sample.json").get("segm");
        assertEquals(8, samples.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = samples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sample = it.next();
            JsonNode s = sample.getValue();
            JsonNode image = fixture.images.get(s.get("image_id").asLong());
            int h = image.get("height").intValue();
            int w = image.get("width").intValue();
            List<Rle> dts = new ArrayList<>();
            s.get("dt_ids").forEach(id -> dts.add(Rle.fromSegmentation(
                    fixture.results.get(id.intValue() - 1).get("segmentation"), h, w)));
            List<Rle> gts = new ArrayList<>();
            s.get("gt_ids").forEach(id -> gts.add(Rle.fromSegmentation(
                    fixture.annotations.get(id.asLong()).get("segmentation"), h, w)));
            double[][] iou = MaskIou.iou(dts, gts, crowdFlags(s.get("gt_iscrowd")));
            assertMatrixEquals(s.get("iou"), iou);
        }
    }

    @Test
    void bboxIousOfTheEvaluatorAreReproducedFromTheAnnotationFiles() {
        Fixture fixture = new Fixture();
        JsonNode samples = MaskFixtures.read("ious_sample.json").get("bbox");
        assertEquals(8, samples.size());
        for (Iterator<JsonNode> it = samples.elements(); it.hasNext(); ) {
            JsonNode s = it.next();
            List<double[]> dts = new ArrayList<>();
            s.get("dt_ids").forEach(id -> dts.add(doubles(fixture.results.get(id.intValue() - 1).get("bbox"))));
            List<double[]> gts = new ArrayList<>();
            s.get("gt_ids").forEach(id -> gts.add(doubles(fixture.annotations.get(id.asLong()).get("bbox"))));
            assertMatrixEquals(s.get("iou"), MaskIou.boxIou(dts, gts, crowdFlags(s.get("gt_iscrowd"))));
        }
    }

    @Test
    void crowdGroundTruthDividesByTheDetectionArea() {
        // 4x4 image; the crowd region is columns 0..1, the detection columns 1..2 (8 pixels, 4 shared).
        Rle crowd = Rle.fromBbox(new double[] {0, 0, 2, 4}, 4, 4);
        Rle detection = Rle.fromBbox(new double[] {1, 0, 2, 4}, 4, 4);
        double[][] iou = MaskIou.iou(List.of(detection), List.of(crowd, crowd), new boolean[] {true, false});
        assertArrayEquals(new double[] {4.0 / 8.0, 4.0 / 12.0}, iou[0]);
    }

    @Test
    void detectionInsideACrowdRegionHasIouOne() {
        Rle crowd = Rle.fromBbox(new double[] {0, 0, 4, 4}, 4, 4);
        Rle detection = Rle.fromBbox(new double[] {1, 1, 2, 2}, 4, 4);
        assertArrayEquals(new double[] {1.0}, MaskIou.iou(List.of(detection), List.of(crowd), new boolean[] {true})[0]);
    }

    @Test
    void disjointAndEmptyMasksHaveIouZero() {
        Rle left = Rle.fromBbox(new double[] {0, 0, 2, 4}, 4, 4);
        Rle right = Rle.fromBbox(new double[] {2, 0, 2, 4}, 4, 4);
        Rle empty = Rle.encode(new byte[16], 4, 4);
        double[][] iou = MaskIou.iou(List.of(left, empty), List.of(right, empty, left), new boolean[3]);
        assertArrayEquals(new double[] {0, 0, 1}, iou[0]);
        assertArrayEquals(new double[] {0, 0, 0}, iou[1]);
    }

    @Test
    void masksOfDifferentSizesGetMinusOneWhereTheirBoxesOverlapAsInTheCApi() {
        Rle small = Rle.fromBbox(new double[] {0, 0, 2, 2}, 4, 4);
        Rle large = Rle.fromBbox(new double[] {1, 1, 2, 2}, 5, 5);
        Rle farAway = Rle.fromBbox(new double[] {3, 3, 2, 2}, 5, 5);
        assertArrayEquals(new double[] {-1, 0}, MaskIou.iou(List.of(small), List.of(large, farAway), new boolean[2])[0]);
    }

    @Test
    void emptyListsGiveEmptyMatrices() {
        Rle mask = Rle.fromBbox(new double[] {0, 0, 2, 2}, 4, 4);
        assertEquals(0, MaskIou.iou(List.of(), List.of(mask), new boolean[1]).length);
        assertEquals(0, MaskIou.iou(List.of(mask), List.of(), new boolean[0])[0].length);
    }

    @Test
    void boxIouFollowsTheOperationOrderOfBbIou() {
        // Crowd: intersection / detection area, where the intersection width (3.3 + 1.1) - 1.1 differs
        // from 3.3 in the last bit, so the ratio is not 1 (like the fixture's 1.0000000000000024).
        double[] dt = {1.1, 0, 3.3, 1};
        double[] gt = {0, 0, 20, 20};
        double[][] iou = MaskIou.boxIou(List.of(dt), List.of(gt), new boolean[] {true});
        assertEquals(1.0000000000000002, iou[0][0]);
        double[] a = {2, 3, 10, 8};
        double[] b = {4, 4, 10, 10};
        assertEquals(56.0 / (80 + 100 - 56), MaskIou.boxIou(List.of(a), List.of(b), new boolean[1])[0][0]);
    }

    @Test
    void zeroAreaAndTouchingBoxesHaveIouZero() {
        double[] line = {1, 1, 0, 3};
        double[] point = {1, 1, 0, 0};
        double[] touching = {4, 0, 2, 2};
        double[] box = {0, 0, 4, 4};
        double[][] iou = MaskIou.boxIou(List.of(line, point, touching), List.of(box, line), new boolean[] {false, true});
        for (double[] row : iou) {
            assertArrayEquals(new double[] {0, 0}, row);
        }
    }

    @Test
    void crowdFlagsMustMatchTheGroundTruths() {
        Rle mask = Rle.fromBbox(new double[] {0, 0, 2, 2}, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskIou.iou(List.of(mask), List.of(mask), new boolean[2]));
        assertEquals("Got 2 crowd flags for 1 ground truths.", e.getMessage());
    }

    /** gt.json indexed by image and annotation id, and results.json in file order. */
    private static final class Fixture {
        final Map<Long, JsonNode> images = new HashMap<>();
        final Map<Long, JsonNode> annotations = new HashMap<>();
        final JsonNode results = MaskFixtures.read("results.json");

        Fixture() {
            JsonNode gt = MaskFixtures.read("gt.json");
            gt.get("images").forEach(image -> images.put(image.get("id").asLong(), image));
            gt.get("annotations").forEach(ann -> annotations.put(ann.get("id").asLong(), ann));
        }
    }
}
