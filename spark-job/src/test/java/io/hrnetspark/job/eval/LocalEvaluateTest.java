package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code evaluate} of an embedded local run, in this JVM without Spark: the same summary, report material and
 * messages as the evaluation on Spark, for results JSON files and predictions Delta tables.
 */
class LocalEvaluateTest {

    private static final String COCO = "coco-keypoints-eval";

    private final SparkSession spark = SparkTestSession.get();
    private final HadoopStorage storage = HadoopStorage.withoutSpark();
    private final List<String> metricsTableCalls = new ArrayList<>();

    @TempDir
    Path tmp;

    private EvaluationOutcome local(EvaluateOptions options, StringWriter printed) {
        return EvaluateJob.runLocally(storage, options, new PrintWriter(printed),
                (dir, summary, scope) -> metricsTableCalls.add(dir + " " + scope.results() + " " + summary.stats()[0]))
                .orElseThrow();
    }

    private EvaluationOutcome onSpark(EvaluateOptions options) {
        return EvaluateJob.run(spark, options, new PrintWriter(new StringWriter()));
    }

    private static EvaluateOptions keypoints(String results, String report) {
        return EvaluateOptions.of(SparkTestSession.fixture(COCO, "gt.json"), results, "keypoints", "coco", null,
                report);
    }

    @Test
    void aResultsFilePrintsTheOfficialSummaryAndWritesTheMetrics() throws Exception {
        for (String dataset : List.of("coco", "crowdpose")) {
            String folder = dataset.equals("coco") ? COCO : "crowdpose-eval";
            Path out = tmp.resolve(dataset);
            StringWriter printed = new StringWriter();
            EvaluationOutcome outcome = local(EvaluateOptions.of(SparkTestSession.fixture(folder, "gt.json"),
                    SparkTestSession.fixture(folder, "results.json"), "keypoints", dataset, out.toString(), null),
                    printed);
            assertEquals(Files.readString(Path.of(SparkTestSession.fixture(folder, "summary.txt"))), printed.toString());
            assertTrue(Files.readString(out.resolve(MetricsWriter.JSON)).contains("\"AP\" : "
                    + outcome.result().summary().stats()[0] + ","));
        }
        assertEquals(2, metricsTableCalls.size(), "the metrics table is recorded once per evaluation");
    }

    @Test
    void boxAndMaskResultsPrintTheOfficialSummaries() throws Exception {
        for (String type : List.of("segm", "bbox")) {
            StringWriter printed = new StringWriter();
            local(EvaluateOptions.of(SparkTestSession.fixture("coco-segm-eval", "gt.json"),
                    SparkTestSession.fixture("coco-segm-eval", "results.json"), type, "coco", null, null), printed);
            assertEquals(Files.readString(Path.of(SparkTestSession.fixture("coco-segm-eval", "summary_" + type
                    + ".txt"))), printed.toString());
        }
    }

    @Test
    void aResultsFileGivesWhatTheEvaluationOnSparkGives() {
        EvaluateOptions options = keypoints(SparkTestSession.fixture(COCO, "results.json"), tmp.toString());
        assertSameOutcome(onSpark(options), local(options, new StringWriter()));
    }

    @Test
    void aPredictionsTableGivesWhatTheEvaluationOnSparkGives() {
        String out = writeTable(rows("w32-abc", 17, 0));
        writeTable(rows("w48-def", 17, 1));
        EvaluateOptions options = keypoints(out, tmp.toString()).forModel("w32-abc");
        EvaluationOutcome local = local(options, new StringWriter());
        assertSameOutcome(onSpark(options), local);
        assertTrue(local.result().summary().stats()[0] > 0.4);
        EvaluationOutcome otherModel = local(keypoints(out, null).forModel("w48-def"), new StringWriter());
        assertTrue(otherModel.result().summary().stats()[0] < local.result().summary().stats()[0],
                "the other model's shifted keypoints score lower");
    }

    @Test
    void badPredictionsTablesGetTheSentencesTheEvaluationOnSparkGives() {
        List<Row> unknownImage = rows("m", 17, 0);
        unknownImage.add(row(424242L, 0, null, 17, 0.5, true, "m"));
        assertSameRefusal(keypoints(writeTable(unknownImage), null));
        assertSameRefusal(keypoints(writeTable(tmp.resolve("crowd"), rows("m", 14, 0)), null));
        List<Row> noneKept = rows("m", 17, 0).stream().map(r -> row(r.getLong(0), r.getInt(4), null, 17, 0, false,
                "m")).toList();
        assertSameRefusal(keypoints(writeTable(tmp.resolve("none"), noneKept), null));
        String wrongColumns = tmp.resolve("images").toString();
        spark.range(3).toDF("image_id").selectExpr("image_id", "'m' AS model_id").write().format("delta")
                .partitionBy("model_id").save(wrongColumns);
        assertSameRefusal(keypoints(wrongColumns, null));
        assertSameRefusal(EvaluateOptions.of(SparkTestSession.fixture(COCO, "gt.json"),
                writeTable(tmp.resolve("boxes"), rows("m", 17, 0)), "bbox", "coco", null, null));
    }

    @Test
    void plainParquetPredictionsAreLeftToSpark() {
        String dir = tmp.resolve("plain").toString();
        spark.createDataFrame(rows("m", 17, 0), PredictionsTable.SCHEMA).write().partitionBy("model_id").parquet(dir);
        assertEquals(Optional.empty(), EvaluateJob.runLocally(storage, keypoints(dir, null),
                new PrintWriter(new StringWriter()), (d, s, scope) -> { }));
    }

    private void assertSameRefusal(EvaluateOptions options) {
        String onSpark = refusal(() -> onSpark(options));
        assertEquals(onSpark, refusal(() -> local(options, new StringWriter())));
    }

    private static String refusal(Executable evaluation) {
        return assertThrows(InvalidInputException.class, evaluation).getMessage();
    }

    private static void assertSameOutcome(EvaluationOutcome expected, EvaluationOutcome actual) {
        assertArrayEquals(expected.result().summary().stats(), actual.result().summary().stats(), 0.0);
        assertArrayEquals(expected.result().accumulation().precision(), actual.result().accumulation().precision(),
                0.0);
        assertEquals(expected.images(), actual.images());
        assertArrayEquals(expected.keypointErrors().distanceSum(), actual.keypointErrors().distanceSum(), 1e-9);
        assertArrayEquals(expected.keypointErrors().count(), actual.keypointErrors().count());
        assertEquals(expected.worstImages().stream().map(RankedImage::measure).toList(),
                actual.worstImages().stream().map(RankedImage::measure).toList());
    }

    /** The fixture's persons ({@link FixturePredictions}) as predictions rows, keypoints moved right by {@code shift} px. */
    private static List<Row> rows(String model, int keypoints, int shift) {
        List<Row> rows = new ArrayList<>();
        for (FixturePredictions person : FixturePredictions.load()) {
            double[] kp = person.keypoints().clone();
            for (int k = 0; k < kp.length; k += 3) {
                kp[k] += shift;
            }
            rows.add(row(person.imageId(), person.personIndex(), kp, keypoints, person.score(), person.kept(), model));
        }
        return rows;
    }

    private static Row row(long image, int person, Object keypoints, int count, double score, boolean kept,
                           String model) {
        double[] kp = keypoints instanceof double[] values ? values : new double[51];
        Row[] points = new Row[count];
        for (int k = 0; k < count; k++) {
            points[k] = RowFactory.create((float) kp[3 * k], (float) kp[3 * k + 1], (float) kp[3 * k + 2]);
        }
        return RowFactory.create(image, "img/" + image + ".jpg", 640, 480, person,
                RowFactory.create(1.0, 2.0, 30.0, 60.0), 0.9, points, score, kept, "run-1", model);
    }

    private String writeTable(List<Row> rows) {
        return writeTable(tmp.resolve("out"), rows);
    }

    /** Appends the rows to the predictions Delta table of output {@code out}; returns the output directory. */
    private String writeTable(Path out, List<Row> rows) {
        spark.createDataFrame(rows, PredictionsTable.SCHEMA).repartition(3).write().format("delta").mode("append")
                .partitionBy("model_id").save(out.resolve(PredictionsTable.DIRECTORY).toString());
        return out.toString();
    }
}
