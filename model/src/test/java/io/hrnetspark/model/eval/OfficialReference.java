package io.hrnetspark.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Comparisons of our evaluation with the official outputs stored in a fixture. */
final class OfficialReference {

    private OfficialReference() {
    }

    /** Every entry of an {@code eval_imgs*.json} equals ours exactly (ids, order, matches, flags). */
    static void assertEvalImgsEqual(JsonNode expected, List<ImageEvaluation> actual,
                                    EvalParams params, int maxDet) {
        Map<String, ImageEvaluation> ours = new HashMap<>();
        for (ImageEvaluation e : actual) {
            ours.put(e.imageId() + "/" + e.categoryId() + "/"
                    + params.areaRanges().get(e.areaIndex()).label(), e);
        }
        for (JsonNode exp : expected) {
            String key = exp.get("image_id").asLong() + "/" + exp.get("category_id").asInt() + "/"
                    + exp.get("area_label").asText();
            ImageEvaluation e = ours.get(key);
            assertTrue(e != null, "no evaluation for " + key);
            assertEquals(maxDet, exp.get("max_det").asInt());
            assertArrayEquals(Fixture.longs(exp.get("dt_ids")), e.dtIds(), key + " dt_ids");
            assertArrayEquals(Fixture.longs(exp.get("gt_ids")), e.gtIds(), key + " gt_ids");
            assertArrayEquals(Fixture.doubles(exp.get("dt_scores")), e.dtScores(), 0.0, key);
            for (int t = 0; t < params.iouThrs().length; t++) {
                assertArrayEquals(Fixture.longs(exp.get("dt_matches").get(t)), e.dtMatches()[t],
                        key + " dt_matches t=" + t);
                assertArrayEquals(Fixture.longs(exp.get("gt_matches").get(t)), e.gtMatches()[t],
                        key + " gt_matches t=" + t);
                assertArrayEquals(flags(exp.get("dt_ignore").get(t)), e.dtIgnore()[t],
                        key + " dt_ignore t=" + t);
            }
            assertArrayEquals(flags(exp.get("gt_ignore")), e.gtIgnore(), key + " gt_ignore");
        }
    }

    /**
     * Stats from a {@code stats*.json} {@code entries} list: printed names, values and lines (the
     * fixture's own short keys are not the metrics.json interface, which tests check separately).
     */
    static void assertEntriesEqual(JsonNode entries, Summary summary, double tolerance) {
        assertEquals(entries.size(), summary.metrics().size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode exp = entries.get(i);
            Metric metric = summary.metrics().get(i);
            assertEquals(exp.get("name").asText(), metric.name());
            assertEquals(Double.parseDouble(exp.get("value_hex").asText()), metric.value(), tolerance,
                    metric.key());
            assertEquals(exp.get("printed_line").asText(), metric.printedLine());
        }
    }

    private static boolean[] flags(JsonNode array) {
        boolean[] out = new boolean[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt() != 0;
        }
        return out;
    }
}
