package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CrowdPose evaluation against crowdposetools' outputs in the crowdpose-eval fixture. */
class CrowdPoseEvalTest {

    private static final Fixture FIXTURE = new Fixture("crowdpose-eval");
    private static CocoDataset results;
    private static CocoEvaluator evaluator;
    private static EvaluationResult result;

    @BeforeAll
    static void evaluate() {
        CocoDataset gt = CocoDataset.load(FIXTURE.path("gt.json"));
        results = gt.loadRes(FIXTURE.path("results.json"));
        evaluator = new CocoEvaluator(EvalProtocol.CROWDPOSE_KEYPOINTS, gt);
        result = evaluator.evaluate(results);
    }

    @Test
    void parametersAndSigmasAreTheOfficialDoubles() {
        JsonNode params = FIXTURE.json("params.json");
        EvalParams ours = EvalProtocol.CROWDPOSE_KEYPOINTS.params();
        assertArrayEquals(Fixture.hexDoubles(params.get("iouThrs_hex")), ours.iouThrs(), 0.0);
        assertArrayEquals(Fixture.hexDoubles(params.get("recThrs_hex")), ours.recThrs(), 0.0);
        assertArrayEquals(Fixture.hexDoubles(params.get("kpt_oks_sigmas_hex")),
                KeypointSpec.CROWDPOSE.sigmas(), 0.0);
        assertArrayEquals(new int[] {20}, ours.maxDets());
    }

    @Test
    void oksUsesTheBoxAreaRuleAndHeadOnlyPointsWithin1e12() {
        JsonNode samples = FIXTURE.json("ious_sample.json");
        Map<Long, ImageAnnotations> byImage = new HashMap<>();
        for (ImageAnnotations image : evaluator.group(results)) {
            byImage.put(image.image().id(), image);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = samples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sample = it.next();
            ImageAnnotations image = byImage.get(Long.parseLong(sample.getKey()));
            double[][] oks = evaluator.matcher().similarity(image.image(), image.gts(), image.dts());
            JsonNode exp = sample.getValue();
            assertEquals(exp.get("dt_ids").size(), oks.length);
            for (int i = 0; i < oks.length; i++) {
                assertArrayEquals(Fixture.hexDoubles(exp.get("oks_hex").get(i)), oks[i], 1e-12,
                        "image " + sample.getKey() + " row " + i);
            }
        }
    }

    @Test
    void perImageMatchesOfTheAllRangeEqualEvaluateImgExactly() {
        List<ImageEvaluation> all = evaluator.evaluateImages(results).stream()
                .filter(e -> e.areaIndex() == 0).toList();
        JsonNode expected = FIXTURE.json("eval_imgs.json");
        assertEquals(expected.size(), all.size());
        OfficialReference.assertEvalImgsEqual(expected, all, EvalParams.keypoints(), 20);
    }

    @Test
    void fullSetPrecisionAndRecallEqualAccumulateBitForBit() {
        assertArrayEquals(FIXTURE.npy("precision.npy").data(), result.accumulation().precision(), 0.0);
        assertArrayEquals(FIXTURE.npy("recall.npy").data(), result.accumulation().recall(), 0.0);
    }

    @Test
    void statsArrayHasElevenSlotsWithThreeAndFourLeftZero() {
        JsonNode stats = FIXTURE.json("stats.json");
        double[] expected = Fixture.hexDoubles(stats.get("stats_array_hex"));
        double[] ours = result.summary().stats();
        assertEquals(11, ours.length);
        assertEquals(0.0, ours[3]);
        assertEquals(0.0, ours[4]);
        assertArrayEquals(java.util.Arrays.copyOf(expected, 8), java.util.Arrays.copyOf(ours, 8), 1e-12);
        // The subset values are rounded the NumPy way and must be equal exactly.
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 8, 11),
                java.util.Arrays.copyOfRange(ours, 8, 11), 0.0);
        OfficialReference.assertEntriesEqual(stats.get("entries"), result.summary(), 1e-12);
        assertEquals(FIXTURE.text("summary.txt"), result.summary().text());
        assertEquals(List.of("AP", "AP50", "AP75", "AR", "AR50", "AR75", "APeasy", "APmedium",
                "APhard"), List.copyOf(result.summary().byKey().keySet()));
    }

    @Test
    void subsetsSplitByCrowdIndexWithBoundariesGoingUpAndMeansIncludeMinusOne() {
        JsonNode details = FIXTURE.json("stats.json").get("subset_details");
        assertEquals(3, result.crowdSubsets().size());
        for (CrowdSubset subset : result.crowdSubsets()) {
            JsonNode exp = details.get(subset.name());
            long[] expectedIds = Fixture.longs(exp.get("image_ids"));
            long[] ours = subset.imageIds().clone();
            java.util.Arrays.sort(ours);
            java.util.Arrays.sort(expectedIds);
            assertArrayEquals(expectedIds, ours, subset.name());
            assertEquals(Double.parseDouble(exp.get("mean_precision_unrounded_hex").asText()),
                    subset.meanPrecision(), 1e-12, subset.name());
            assertEquals(exp.get("official_rounded").asDouble(), subset.reported(), 0.0);
        }
    }
}
