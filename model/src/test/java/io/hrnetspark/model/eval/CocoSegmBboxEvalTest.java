package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** COCO segm and bbox evaluation against pycocotools' outputs in the coco-segm-eval fixture. */
class CocoSegmBboxEvalTest {

    private static final Fixture FIXTURE = new Fixture("coco-segm-eval");
    private static CocoDataset gt;
    private static CocoDataset results;
    private static CocoDataset resultsWithoutBoxes;

    @BeforeAll
    static void load() {
        gt = CocoDataset.load(FIXTURE.path("gt.json"));
        results = gt.loadRes(FIXTURE.path("results.json"));
        ArrayNode stripped = (ArrayNode) FIXTURE.json("results.json");
        stripped.forEach(entry -> ((ObjectNode) entry).remove("bbox"));
        resultsWithoutBoxes = gt.loadRes(new ByteArrayInputStream(
                stripped.toString().getBytes(StandardCharsets.UTF_8)), "results-nobbox.json");
    }

    @Test
    void parametersCategoriesAndImagesAreTheOfficialOnes() {
        JsonNode params = FIXTURE.json("params.json");
        EvalParams ours = EvalProtocol.COCO_SEGM.params();
        assertArrayEquals(Fixture.hexDoubles(params.get("iouThrs_hex")), ours.iouThrs(), 0.0);
        assertArrayEquals(Fixture.hexDoubles(params.get("recThrs_hex")), ours.recThrs(), 0.0);
        assertArrayEquals(new int[] {1, 10, 100}, ours.maxDets());
        for (int a = 0; a < 4; a++) {
            assertEquals(params.get("areaRngLbl").get(a).asText(), ours.areaRanges().get(a).label());
            assertEquals(params.get("areaRng").get(a).get(0).asDouble(), ours.areaRanges().get(a).lo());
            assertEquals(params.get("areaRng").get(a).get(1).asDouble(), ours.areaRanges().get(a).hi());
        }
        assertArrayEquals(new int[] {1, 3, 17, 18, 44, 62, 90}, gt.sortedCategoryIds());
        assertArrayEquals(Fixture.longs(params.get("imgIds_sorted")), gt.sortedImageIds());
    }

    @Test
    void boxResultsTakeTheBoxAreaAndMaskResultsTheMaskPixelCount() {
        CocoAnnotation first = results.annotations().get(0);
        assertEquals(first.bbox()[2] * first.bbox()[3], first.area(), 0.0);
        CocoAnnotation noBox = resultsWithoutBoxes.annotations().get(0);
        assertEquals(1L, noBox.id());
        assertTrue(noBox.area() == Math.rint(noBox.area()) && noBox.area() != first.area());
        assertEquals(4, noBox.bbox().length);
    }

    @Test
    void maskAndBoxIousEqualComputeIouBitForBit() {
        JsonNode samples = FIXTURE.json("ious_sample.json");
        for (EvalProtocol protocol : List.of(EvalProtocol.COCO_SEGM, EvalProtocol.COCO_BBOX)) {
            CocoEvaluator evaluator = new CocoEvaluator(protocol, gt);
            Map<Long, ImageAnnotations> byImage = new HashMap<>();
            for (ImageAnnotations image : evaluator.group(results)) {
                byImage.put(image.image().id(), image);
            }
            JsonNode forType = samples.get(protocol.iouType());
            for (Iterator<Map.Entry<String, JsonNode>> it = forType.fields(); it.hasNext(); ) {
                JsonNode exp = it.next().getValue();
                ImageAnnotations image = byImage.get(exp.get("image_id").asLong());
                int category = exp.get("category_id").asInt();
                List<CocoAnnotation> gts = image.gts().stream()
                        .filter(a -> a.categoryId() == category).toList();
                List<CocoAnnotation> dts = image.dts().stream()
                        .filter(a -> a.categoryId() == category).toList();
                double[][] iou = evaluator.matcher().similarity(image.image(), gts, dts);
                assertArrayEquals(Fixture.longs(exp.get("gt_ids")),
                        gts.stream().mapToLong(CocoAnnotation::id).toArray());
                assertEquals(exp.get("dt_ids").size(), iou.length);
                for (int i = 0; i < iou.length; i++) {
                    assertArrayEquals(Fixture.doubles(exp.get("iou").get(i)), iou[i], 0.0,
                            protocol + " " + exp.get("image_id") + "/" + category + " row " + i);
                }
            }
        }
    }

    @Test
    void segmMatchesArraysStatsAndSummaryEqualTheOfficial() {
        check(EvalProtocol.COCO_SEGM, results, "segm", "eval_imgs_segm.json");
    }

    @Test
    void bboxMatchesArraysStatsAndSummaryEqualTheOfficial() {
        check(EvalProtocol.COCO_BBOX, results, "bbox", "eval_imgs_bbox.json");
    }

    @Test
    void segmWithoutBoxesUsesMaskAreasForTheRangesAndEqualsTheOfficial() {
        check(EvalProtocol.COCO_SEGM, resultsWithoutBoxes, "segm_nobbox", null);
    }

    private static void check(EvalProtocol protocol, CocoDataset res, String suffix, String evalImgs) {
        CocoEvaluator evaluator = new CocoEvaluator(protocol, gt);
        List<ImageEvaluation> images = evaluator.evaluateImages(res);
        if (evalImgs != null) {
            List<ImageEvaluation> all = images.stream().filter(e -> e.areaIndex() == 0).toList();
            JsonNode expected = FIXTURE.json(evalImgs);
            assertEquals(expected.size(), all.size());
            OfficialReference.assertEvalImgsEqual(expected, all, protocol.params(), 100);
        }
        EvaluationResult result = evaluator.summarize(images.stream().map(ImageEvaluation::tally).toList());
        Accumulation acc = result.accumulation();
        Fixture.Npy precision = FIXTURE.npy("precision_" + suffix + ".npy");
        assertArrayEquals(new int[] {10, 101, 7, 4}, precision.shape());
        int i = 0;
        for (int t = 0; t < 10; t++) {
            for (int r = 0; r < 101; r++) {
                for (int k = 0; k < 7; k++) {
                    for (int a = 0; a < 4; a++) {
                        assertEquals(precision.data()[i++], acc.precision(t, r, k, a, 2), 0.0,
                                suffix + " precision " + t + "," + r + "," + k + "," + a);
                    }
                }
            }
        }
        assertArrayEquals(FIXTURE.npy("recall_" + suffix + ".npy").data(), acc.recall(), 0.0);
        JsonNode stats = FIXTURE.json("stats_" + suffix + ".json");
        assertArrayEquals(Fixture.hexDoubles(stats.get("stats_hex")), result.summary().stats(), 1e-12);
        OfficialReference.assertEntriesEqual(stats.get("entries"), result.summary(), 1e-12);
        assertEquals(FIXTURE.text("summary_" + suffix + ".txt"), result.summary().text());
        assertEquals(List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs",
                "ARm", "ARl"), List.copyOf(result.summary().byKey().keySet()));
    }
}
