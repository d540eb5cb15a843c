package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.eval.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluate job end to end: printed summary, metrics table and JSON, report. */
class EvaluateJobTest {

    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private EvaluationOutcome run(String folder, String results, String type, String dataset,
                                  StringWriter printed) {
        EvaluateOptions options = EvaluateOptions.of(SparkTestSession.fixture(folder, "gt.json"),
                SparkTestSession.fixture(folder, results), type, dataset,
                tmp.resolve("out").toString(), tmp.resolve("report").toString());
        return EvaluateJob.run(spark, options, new PrintWriter(printed));
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    @Test
    void keypointEvaluationPrintsTheOfficialSummaryAndWritesMetricsAtFullPrecision() throws IOException {
        StringWriter printed = new StringWriter();
        EvaluationOutcome outcome = run("coco-keypoints-eval", "results.json", "keypoints", "coco", printed);
        assertEquals(Files.readString(Path.of(SparkTestSession.fixture("coco-keypoints-eval", "summary.txt"))),
                printed.toString());

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("out").resolve("metrics.json").toFile());
        assertEquals(List.of("AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl"), keys(json));
        JsonNode official = new ObjectMapper().readTree(
                Path.of(SparkTestSession.fixture("coco-keypoints-eval", "stats.json")).toFile());
        for (int i = 0; i < 10; i++) {
            double value = json.get(keys(json).get(i)).doubleValue();
            assertEquals(outcome.result().summary().stats()[i], value, 0.0, "full precision");
            assertEquals(Double.parseDouble(official.get("stats_hex").get(i).asText()), value, 1e-12);
        }

        List<Row> rows = spark.read().format("delta").load(tmp.resolve("out").resolve("metrics").toString())
                .orderBy("metric").collectAsList();
        assertEquals(10, rows.size());
        for (Metric metric : outcome.result().summary().metrics()) {
            Row row = rows.stream().filter(r -> r.getString(0).equals(metric.key())).findFirst().orElseThrow();
            assertEquals(metric.value(), row.getDouble(1), 0.0);
            assertEquals(metric.name().trim(), row.getString(2));
            assertEquals("keypoints", row.getAs("iou_type"));
            assertEquals("coco", row.getAs("dataset"));
        }

        String html = Files.readString(tmp.resolve("report").resolve(EvaluationReport.PAGE));
        assertTrue(html.contains("Per-keypoint errors") && html.contains("left_ankle"), "keypoint table");
        assertTrue(html.contains(EvaluationReport.escape(outcome.result().summary().metrics().get(0).name().trim())));
        for (String range : List.of("all", "medium", "large")) {
            byte[] png = Files.readAllBytes(tmp.resolve("report").resolve("pr-" + range + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
            assertTrue(html.contains("pr-" + range + ".png"));
        }
    }

    @Test
    void crowdPoseMetricsAreKeyedByTheIssueLayout() throws IOException {
        StringWriter printed = new StringWriter();
        run("crowdpose-eval", "results.json", "keypoints", "crowdpose", printed);
        assertEquals(Files.readString(Path.of(SparkTestSession.fixture("crowdpose-eval", "summary.txt"))),
                printed.toString());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("out").resolve("metrics.json").toFile());
        assertEquals(List.of("AP", "AP50", "AP75", "AR", "AR50", "AR75", "APeasy", "APmedium", "APhard"),
                keys(json));
        assertEquals(0.6616, json.get("APeasy").doubleValue(), 0.0);
        assertTrue(Files.readString(tmp.resolve("report").resolve(EvaluationReport.PAGE)).contains("CrowdPose subsets"));
    }

    @Test
    void segmAndBboxMetricsHaveTwelveKeysAndTheReportHasNoKeypointTable() throws IOException {
        StringWriter printed = new StringWriter();
        run("coco-segm-eval", "results.json", "bbox", "coco", printed);
        assertEquals(Files.readString(Path.of(SparkTestSession.fixture("coco-segm-eval", "summary_bbox.txt"))),
                printed.toString());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("out").resolve("metrics.json").toFile());
        assertEquals(List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm",
                "ARl"), keys(json));
        String html = Files.readString(tmp.resolve("report").resolve(EvaluationReport.PAGE));
        assertTrue(!html.contains("Per-keypoint errors") && html.contains("pr-small.png"));
    }

    @Test
    void aMissingResultsPathIsOneSentence() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> EvaluateJob.run(spark, EvaluateOptions.of(
                        SparkTestSession.fixture("coco-keypoints-eval", "gt.json"), tmp.resolve("nope.json").toString(),
                        "keypoints", "coco", null, null), new PrintWriter(new StringWriter())));
        assertEquals(tmp.resolve("nope.json") + " does not exist; give a COCO results JSON file or a"
                + " predictions directory.", e.getMessage());
    }
}
