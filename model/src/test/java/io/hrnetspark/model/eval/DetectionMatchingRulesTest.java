package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoDataset;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Box and mask evaluation rules on tiny hand-made images. */
class DetectionMatchingRulesTest {

    private static CocoDataset groundTruth(String annotations, boolean withSize) {
        String size = withSize ? ", \"width\": 200, \"height\": 100" : "";
        return CocoDataset.read(stream("{\"images\": [{\"id\": 1" + size + "}], \"categories\":"
                + " [{\"id\": 1, \"name\": \"thing\"}], \"annotations\": [" + annotations + "]}"), "gt.json");
    }

    private static String box(long id, double[] bbox, int iscrowd, String extra) {
        return "{\"id\": " + id + ", \"image_id\": 1, \"category_id\": 1, \"iscrowd\": " + iscrowd
                + ", \"area\": " + bbox[2] * bbox[3] + ", \"bbox\": [" + bbox[0] + ", " + bbox[1] + ", "
                + bbox[2] + ", " + bbox[3] + "]" + extra + "}";
    }

    private static String polygonOf(double[] b) {
        return ", \"segmentation\": [[" + b[0] + ", " + b[1] + ", " + b[0] + ", " + (b[1] + b[3]) + ", "
                + (b[0] + b[2]) + ", " + (b[1] + b[3]) + ", " + (b[0] + b[2]) + ", " + b[1] + "]]";
    }

    private static String results(double[]... boxes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < boxes.length; i++) {
            double[] b = boxes[i];
            out.append(i == 0 ? "" : ", ").append("{\"image_id\": 1, \"category_id\": 1, \"score\": ")
                    .append(0.9 - i * 0.1).append(", \"bbox\": [").append(b[0]).append(", ").append(b[1])
                    .append(", ").append(b[2]).append(", ").append(b[3]).append("]}");
        }
        return out.append("]").toString();
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ImageEvaluation evaluateAll(EvalProtocol protocol, CocoDataset gt, String res) {
        return new CocoEvaluator(protocol, gt).evaluateImages(gt.loadRes(stream(res), "r.json")).get(0);
    }

    @Test
    void thresholdsAreInclusiveAtExactlyHalfAndThreeQuarters() {
        CocoDataset gt = groundTruth(box(5, new double[] {0, 0, 10, 20}, 0, "") + ", "
                + box(6, new double[] {100, 0, 40, 10}, 0, ""), true);
        // IoU 100/200 = 0.5 with GT 5 and 300/400 = 0.75 with GT 6, both exact in binary.
        ImageEvaluation all = evaluateAll(EvalProtocol.COCO_BBOX, gt,
                results(new double[] {0, 0, 10, 10}, new double[] {100, 0, 30, 10}));
        double[] thresholds = EvalParams.defaultIouThrs();
        for (int t = 0; t < 10; t++) {
            assertEquals(t == 0 ? 5 : 0, all.dtMatches()[t][0], "t=" + thresholds[t]);
            assertEquals(thresholds[t] <= 0.75 ? 6 : 0, all.dtMatches()[t][1], "t=" + thresholds[t]);
        }
    }

    @Test
    void aCrowdBoxAbsorbsDetectionsInsideItMeasuredAgainstTheDetectionArea() {
        CocoDataset gt = groundTruth(box(9, new double[] {0, 0, 100, 100}, 1, ""), true);
        ImageEvaluation all = evaluateAll(EvalProtocol.COCO_BBOX, gt, results(
                new double[] {10, 10, 20, 20}, new double[] {50, 50, 10, 10}, new double[] {90, 90, 20, 20}));
        // The third box is a quarter inside: IoU = inter / dt area = 100 / 400.
        for (int t = 0; t < 10; t++) {
            assertArrayEquals(new long[] {9, 9, 0}, all.dtMatches()[t]);
            assertArrayEquals(new boolean[] {true, true, false}, all.dtIgnore()[t]);
        }
        assertArrayEquals(new boolean[] {true}, all.gtIgnore());
    }

    @Test
    void aStoredIgnoreKeyDoesNotIgnoreANonCrowdObject() {
        CocoDataset gt = groundTruth(box(5, new double[] {0, 0, 10, 20}, 0, ", \"ignore\": 1"), true);
        ImageEvaluation all = evaluateAll(EvalProtocol.COCO_BBOX, gt, results(new double[] {0, 0, 10, 20}));
        assertArrayEquals(new boolean[] {false}, all.gtIgnore());
        assertEquals(5, all.dtMatches()[9][0]);
    }

    @Test
    void boxResultsEvaluatedAsMasksAreRasterisedBoxPolygons() {
        double[] b = {20, 10, 30, 40};
        CocoDataset gt = groundTruth(box(5, b, 0, polygonOf(b)), true);
        CocoEvaluator evaluator = new CocoEvaluator(EvalProtocol.COCO_SEGM, gt);
        ImageAnnotations image = evaluator.group(gt.loadRes(stream(results(b)), "r.json")).get(0);
        assertArrayEquals(new double[] {1.0},
                evaluator.matcher().similarity(image.image(), image.gts(), image.dts())[0], 0.0);
    }

    @Test
    void smallMediumAndLargeUseTheStoredGroundTruthArea() {
        CocoDataset gt = groundTruth(box(5, new double[] {0, 0, 32, 32}, 0, ""), true);
        List<ImageEvaluation> ranges = new CocoEvaluator(EvalProtocol.COCO_BBOX, gt)
                .evaluateImages(gt.loadRes(stream(results(new double[] {0, 0, 32, 32})), "r.json"));
        assertEquals(4, ranges.size());
        assertArrayEquals(new boolean[] {false}, ranges.get(1).gtIgnore(), "1024 is small");
        assertArrayEquals(new boolean[] {false}, ranges.get(2).gtIgnore(), "and medium");
        assertArrayEquals(new boolean[] {true}, ranges.get(3).gtIgnore(), "but not large");
    }

    @Test
    void maskResultsMustBeCompressedRle() {
        CocoDataset gt = groundTruth(box(5, new double[] {0, 0, 10, 20}, 0, ""), true);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> gt.loadRes(stream(
                "[{\"image_id\": 1, \"category_id\": 1, \"score\": 1, \"segmentation\": [[0, 0, 0, 5, 5, 5]]}]"),
                "r.json"));
        assertTrue(e.getMessage().startsWith("r.json: result 1 has a segmentation that is not a"
                + " compressed RLE"), e.getMessage());
    }

    @Test
    void polygonGroundTruthNeedsTheImageSize() {
        double[] b = {20, 10, 30, 40};
        CocoDataset gt = groundTruth(box(5, b, 0, polygonOf(b)), false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CocoEvaluator(EvalProtocol.COCO_SEGM, gt).evaluate(
                        gt.loadRes(stream(results(b)), "r.json")));
        assertEquals("gt.json: image 1 has no width and height, which segm evaluation needs to"
                + " rasterise the polygons of annotation 5.", e.getMessage());
    }

    @Test
    void groundTruthWithoutAreaIsRefusedForBoxes() {
        CocoDataset gt = CocoDataset.read(stream("{\"images\": [{\"id\": 1}], \"categories\": [{\"id\": 1}],"
                + " \"annotations\": [{\"id\": 3, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1]}]}"),
                "gt.json");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CocoEvaluator(EvalProtocol.COCO_BBOX, gt).evaluate(
                        gt.loadRes(stream(results(new double[] {0, 0, 1, 1})), "r.json")));
        assertEquals("gt.json: annotation 3 has no area; the coco evaluator uses the stored area for"
                + " the area ranges.", e.getMessage());
    }
}
