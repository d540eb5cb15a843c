package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** COCO keypoint evaluation against pycocotools' outputs in the coco-keypoints-eval fixture. */
class CocoKeypointsEvalTest {

    private static final Fixture FIXTURE = new Fixture("coco-keypoints-eval");
    private static CocoDataset gt;
    private static CocoDataset results;
    private static CocoEvaluator evaluator;
    private static EvaluationResult result;

    @BeforeAll
    static void evaluate() {
        gt = CocoDataset.load(FIXTURE.path("gt.json"));
        results = gt.loadRes(FIXTURE.path("results.json"));
        evaluator = new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt);
        result = evaluator.evaluate(results);
    }

    @Test
    void parametersAreTheOfficialDoublesBitForBit() {
        JsonNode params = FIXTURE.json("params.json");
        EvalParams ours = EvalProtocol.COCO_KEYPOINTS.params();
        assertArrayEquals(Fixture.hexDoubles(params.get("iouThrs_hex")), ours.iouThrs(), 0.0);
        assertArrayEquals(Fixture.hexDoubles(params.get("recThrs_hex")), ours.recThrs(), 0.0);
        assertEquals(0.8999999999999999, ours.iouThrs()[8]);
        assertEquals(0.35000000000000003, ours.recThrs()[35]);
        assertArrayEquals(new int[] {20}, ours.maxDets());
        for (int a = 0; a < ours.areaRanges().size(); a++) {
            AreaRange range = ours.areaRanges().get(a);
            assertEquals(params.get("areaRngLbl").get(a).asText(), range.label());
            assertEquals(params.get("areaRng").get(a).get(0).asDouble(), range.lo());
            assertEquals(params.get("areaRng").get(a).get(1).asDouble(), range.hi());
        }
        assertArrayEquals(Fixture.hexDoubles(params.get("kpt_oks_sigmas_hex")),
                KeypointSpec.COCO.sigmas(), 0.0);
        assertArrayEquals(Fixture.longs(params.get("imgIds_sorted")), gt.sortedImageIds());
    }

    @Test
    void loadResNumbersResultsByPositionAndTakesAreaFromTheKeypointExtent() {
        CocoAnnotation third = results.annotations().get(2);
        assertEquals(3L, third.id());
        double[] kp = third.keypoints();
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int k = 0; k < 17; k++) {
            x0 = Math.min(x0, kp[3 * k]);
            x1 = Math.max(x1, kp[3 * k]);
            y0 = Math.min(y0, kp[3 * k + 1]);
            y1 = Math.max(y1, kp[3 * k + 1]);
        }
        assertEquals((x1 - x0) * (y1 - y0), third.area(), 0.0);
        assertArrayEquals(new double[] {x0, y0, x1 - x0, y1 - y0}, third.bbox(), 0.0);
        assertEquals(250, results.annotations().size());
    }

    @Test
    void oksSamplesEqualComputeOksWithin1e12() {
        JsonNode samples = FIXTURE.json("ious_sample.json");
        Map<Long, ImageAnnotations> byImage = new java.util.HashMap<>();
        for (ImageAnnotations image : evaluator.group(results)) {
            byImage.put(image.image().id(), image);
        }
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = samples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sample = it.next();
            ImageAnnotations image = byImage.get(Long.parseLong(sample.getKey()));
            double[][] oks = evaluator.matcher().similarity(image.image(), image.gts(), image.dts());
            JsonNode exp = sample.getValue();
            long[] dtIds = Fixture.longs(exp.get("dt_ids"));
            long[] gtIds = Fixture.longs(exp.get("gt_ids"));
            assertEquals(dtIds.length, oks.length);
            for (int j = 0; j < gtIds.length; j++) {
                assertEquals(gtIds[j], image.gts().get(j).id());
            }
            for (int i = 0; i < dtIds.length; i++) {
                double[] row = Fixture.hexDoubles(exp.get("oks_hex").get(i));
                assertArrayEquals(row, oks[i], 1e-12, "image " + sample.getKey() + " row " + i);
                checked += row.length;
            }
        }
        assertEquals(true, checked > 100);
    }

    @Test
    void perImageMatchesEqualEvaluateImgExactly() {
        List<ImageEvaluation> ours = evaluator.evaluateImages(results);
        JsonNode expected = FIXTURE.json("eval_imgs.json");
        assertEquals(expected.size(), ours.size());
        OfficialReference.assertEvalImgsEqual(expected, ours, EvalParams.keypoints(), 20);
    }

    @Test
    void precisionAndRecallEqualAccumulateBitForBit() {
        Fixture.Npy precision = FIXTURE.npy("precision.npy");
        Fixture.Npy recall = FIXTURE.npy("recall.npy");
        assertArrayEquals(new int[] {10, 101, 1, 3, 1}, precision.shape());
        assertArrayEquals(precision.data(), result.accumulation().precision(), 0.0);
        assertArrayEquals(recall.data(), result.accumulation().recall(), 0.0);
        Fixture.Npy all = FIXTURE.npy("precision_all.npy");
        for (int t = 0; t < 10; t++) {
            for (int r = 0; r < 101; r++) {
                assertEquals(all.data()[t * 101 + r], result.accumulation().precision(t, r, 0, 0, 0), 0.0);
            }
        }
    }

    @Test
    void statsAndPrintedSummaryEqualSummarize() {
        JsonNode stats = FIXTURE.json("stats.json");
        assertArrayEquals(Fixture.hexDoubles(stats.get("stats_hex")), result.summary().stats(), 1e-12);
        OfficialReference.assertEntriesEqual(stats.get("entries"), result.summary(), 1e-12);
        assertEquals(FIXTURE.text("summary.txt"), result.summary().text());
        assertEquals(List.of("AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl"),
                List.copyOf(result.summary().byKey().keySet()));
    }
}
