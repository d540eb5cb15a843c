package io.hrnetspark.job.annotate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.model.weights.TorchCheckpoint;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.job.output.ErrorsTable;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.output.RunCounts;
import io.hrnetspark.job.output.RunTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.TestSamples;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.BoxEchoPredictor;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.job.testing.TestSpark;
import io.hrnetspark.model.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotate job on local[2] Spark with the box-echo network. */
class AnnotateJobTest {

    private static SparkSession spark;

    @TempDir
    Path dir;
    private String config;
    private String weights;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void files() throws IOException {
        ExecutorModelCache.closeAll();
        BoxEchoModelFactory.reset();
        config = Files.writeString(dir.resolve("echo_96x128.yaml"), "MODEL:\n  NAME: echo\n").toString();
        weights = Files.write(dir.resolve("echo.pth"), new byte[] {1, 2, 3}).toString();
    }

    static AnnotateOptions options(String images, String annotations, String boxes, String config, String weights,
                                   String output, int batchSize, boolean overwrite, Integer partitions) {
        return AnnotateOptionsBuilder.of(images, config, output).annotations(annotations).boxes(boxes)
                .weights(weights).batchSize(batchSize).overwrite(overwrite).partitions(partitions).build();
    }

    private SyntheticPeople.Summary sample(int images) {
        return TestSamples.generate(new SyntheticPeople.Spec(images, 128, 96, 3, 5), dir);
    }

    private Dataset<Row> table(String output, String name) {
        return spark.read().format("delta").load(Path.of(output, name).toString());
    }

    @Test
    void annotatesEveryGroundTruthPersonOnceWithRowsEqualToTheModelsOutput() {
        SyntheticPeople.Summary sample = sample(10);
        String output = dir.resolve("out").toString();
        AnnotateResult result = new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options(
                sample.imagesRoot().toString(), sample.annotationsFile().toString(), null, config, weights, output,
                4, false, null));

        Dataset<Row> predictions = table(output, PredictionsTable.DIRECTORY);
        assertEquals(PredictionsTable.SCHEMA.simpleString(), predictions.schema().simpleString());
        assertEquals("array<struct<x:float,y:float,score:float>>",
                predictions.schema().apply("keypoints").dataType().simpleString());
        assertEquals(sample.people(), predictions.count());
        assertEquals(sample.people(), predictions.select("image_id", "person_index").distinct().count());

        String modelId = "echo_96x128-" + TorchCheckpoint.sha256(new byte[] {1, 2, 3}).substring(0, 12);
        assertTrue(Files.isDirectory(Path.of(output, "predictions", "model_id=" + modelId)));
        for (Row row : predictions.collectAsList()) {
            Row box = row.getStruct(row.fieldIndex("box"));
            PersonBox taskBox = new PersonBox(box.getDouble(0),
                    box.getDouble(1), box.getDouble(2), box.getDouble(3), row.getDouble(row.fieldIndex("box_score")));
            assertEquals(1.0, taskBox.score());
            List<Row> keypoints = row.getList(row.fieldIndex("keypoints"));
            float[][] expected = BoxEchoPredictor.expectedKeypoints(taskBox);
            for (int k = 0; k < expected.length; k++) {
                assertArrayEquals(expected[k], new float[] {keypoints.get(k).getFloat(0), keypoints.get(k).getFloat(1),
                    keypoints.get(k).getFloat(2)});
            }
            assertEquals(BoxEchoPredictor.expectedScore(taskBox), row.getDouble(row.fieldIndex("score")));
            assertEquals(128, row.getInt(row.fieldIndex("width")));
            assertEquals(96, row.getInt(row.fieldIndex("height")));
            assertEquals(String.format("%012d.png", row.getLong(0)), row.getString(row.fieldIndex("file_path")));
            assertTrue(row.getBoolean(row.fieldIndex("nms_kept")));
            assertEquals(modelId, row.getString(row.fieldIndex("model_id")));
            assertEquals(result.run().runId(), row.getString(row.fieldIndex("run_id")));
        }
        assertEquals(0, table(output, ErrorsTable.DIRECTORY).count(), "no errors: an empty errors table");
        assertFalse(Files.exists(Path.of(output, "_staging")), "staging is removed");
        assertFalse(Files.exists(Path.of(output, "_leases")), "the lease is removed");

        Dataset<Row> runs = table(output, RunTable.DIRECTORY);
        assertEquals(RunTable.SCHEMA.simpleString(), runs.schema().simpleString());
        Row run = runs.head();
        assertEquals(result.run().runId(), run.getString(run.fieldIndex("run_id")));
        assertEquals(TorchCheckpoint.sha256(new byte[] {1, 2, 3}), run.getString(run.fieldIndex("weights_sha256")));
        assertEquals("gt", run.getString(run.fieldIndex("box_source")));
        assertNull(run.get(run.fieldIndex("box_score_threshold")));
        assertEquals("MODEL:\n  NAME: echo\n", run.getString(run.fieldIndex("config_yaml")));
        assertFalse(run.getBoolean(run.fieldIndex("random_weights")));
        assertTrue(run.getBoolean(run.fieldIndex("flip_test")));
        assertEquals(0.9, run.getDouble(run.fieldIndex("oks_threshold")));
        assertEquals(List.of("cpu"), run.getList(run.fieldIndex("devices")));
        assertEquals("fp32", run.getString(run.fieldIndex("precision")));
        assertEquals("succeeded", run.getString(run.fieldIndex("status")));
        RunCounts counts = result.run().counts();
        assertEquals(new RunCounts(10, 0, 0, 10, 0, sample.people(), 0, 0, sample.people(), sample.people(), 0, 0),
                counts);
        Row storedCounts = run.getStruct(run.fieldIndex("counts"));
        assertEquals(sample.people(), storedCounts.getLong(storedCounts.fieldIndex("persons")));

        assertEquals(1, BoxEchoModelFactory.BUILDS.get(), "one network for the executor, reused by every task");
        assertTrue(result.run().partitions() >= 2);
        List<Integer> batches = BoxEchoModelFactory.BATCH_SIZES;
        assertEquals(sample.people(), batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batches.stream().filter(b -> b < 4).count() <= result.run().partitions(),
                "only the last batch of a partition is smaller: " + batches);
    }

    @Test
    void reRunsSkipImagesDoneAndOverwriteRedoesThem() {
        SyntheticPeople.Summary sample = sample(6);
        String output = dir.resolve("out").toString();
        AnnotateJob job = new AnnotateJob(spark, BoxEchoModelFactory.plain());
        AnnotateOptions options = options(sample.imagesRoot().toString(), sample.annotationsFile().toString(), null,
                config, weights, output, 8, false, null);
        job.run(options);
        long persons = table(output, PredictionsTable.DIRECTORY).count();

        AnnotateResult again = job.run(options);
        assertEquals(6, again.run().counts().imagesAlreadyDone());
        assertEquals(0, again.run().counts().persons());
        assertEquals(persons, table(output, PredictionsTable.DIRECTORY).count());

        AnnotateResult redo = job.run(options(sample.imagesRoot().toString(), sample.annotationsFile().toString(),
                null, config, weights, output, 8, true, null));
        assertEquals(0, redo.run().counts().imagesAlreadyDone());
        assertEquals(persons, redo.run().counts().persons());
        Dataset<Row> predictions = table(output, PredictionsTable.DIRECTORY);
        assertEquals(persons, predictions.count());
        assertEquals(List.of(redo.run().runId()),
                predictions.select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0)).toList());
        assertEquals(3, table(output, RunTable.DIRECTORY).count(), "one run row per run");

        AnnotateResult otherModel = job.run(options(sample.imagesRoot().toString(),
                sample.annotationsFile().toString(), null, config, null, output, 8, false, null));
        assertEquals(0, otherModel.run().counts().imagesAlreadyDone(), "done-ness is per model");
        assertEquals("echo_96x128-random", otherModel.run().modelId());
        assertEquals(2 * persons, table(output, PredictionsTable.DIRECTORY).count());
        assertEquals(persons, table(output, PredictionsTable.DIRECTORY)
                .where(col("model_id").equalTo("echo_96x128-random")).count());
    }

    @Test
    void badFilesAndBoxesBecomeErrorRowsAndTheJobCompletes() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        byte[] png = TestImages.png(64, 48);
        Files.write(images.resolve("1.png"), png);
        Files.write(images.resolve("2.png"), TestImages.encode(new BufferedImage(40, 30,
                BufferedImage.TYPE_BYTE_GRAY), "png"));
        Files.write(images.resolve("3.png"), TestImages.encode(new BufferedImage(40, 30,
                BufferedImage.TYPE_4BYTE_ABGR), "png"));
        Files.write(images.resolve("4.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(images.resolve("5.png"), new byte[0]);
        Files.writeString(images.resolve("6.png"), "not an image");
        StringBuilder gt = new StringBuilder("{\"images\": [");
        for (int id = 1; id <= 7; id++) {
            gt.append(id > 1 ? "," : "").append(String.format(
                    "{\"id\": %d, \"file_name\": \"%d.png\", \"width\": 64, \"height\": 48}", id, id));
        }
        String annotations = Files.writeString(dir.resolve("gt.json"), gt.append("]}").toString()).toString();
        StringBuilder det = new StringBuilder("[");
        for (int id = 1; id <= 7; id++) {
            det.append(id > 1 ? "," : "").append(String.format(
                    "{\"image_id\": %d, \"category_id\": 1, \"bbox\": [2, 3, 20, 30], \"score\": 0.8}", id));
        }
        det.append(", {\"image_id\": 1, \"category_id\": 1, \"bbox\": [5, 5, 0, 10], \"score\": 0.9}")
                .append(", {\"image_id\": 1, \"category_id\": 1, \"bbox\": [70, 5, 10, 10], \"score\": 0.9}")
                .append(", {\"image_id\": 1, \"category_id\": 1, \"bbox\": [2, 3, 20, 30], \"score\": 0.7}")
                .append(", {\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 9, 9], \"score\": 0.2}")
                .append(", {\"image_id\": 99, \"category_id\": 1, \"bbox\": [1, 1, 9, 9], \"score\": 0.9}]");
        String detections = Files.writeString(dir.resolve("det.json"), det.toString()).toString();
        String output = dir.resolve("out").toString();
        AnnotateOptions options = AnnotateOptionsBuilder.of(images.toString(), config, output)
                .annotations(annotations).boxes(detections).boxScoreThreshold(0.5).batchSize(2).build();

        AnnotateResult result = new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options);

        Map<String, Row> errors = new HashMap<>();
        for (Row row : table(output, ErrorsTable.DIRECTORY).collectAsList()) {
            errors.put(row.getLong(0) + "/" + row.get(row.fieldIndex("person_index")), row);
        }
        assertEquals(List.of("1/1", "1/2", "4/null", "5/null", "6/null", "7/null"),
                errors.keySet().stream().sorted().toList());
        assertEquals("box", errors.get("1/1").getString(errors.get("1/1").fieldIndex("stage")));
        assertEquals("decode", errors.get("4/null").getString(2));
        assertEquals("decode", errors.get("5/null").getString(2), "an empty file");
        assertEquals("decode", errors.get("6/null").getString(2));
        assertEquals("read", errors.get("7/null").getString(2));
        assertEquals("java.io.FileNotFoundException", errors.get("7/null").getString(4));
        assertEquals(InvalidInputException.class.getName(), errors.get("1/2").getString(4));
        assertEquals("Box 2 [70, 5, 10, 10] of 1.png lies entirely outside the 64x48 image; the box was skipped.",
                errors.get("1/2").getString(5));

        Dataset<Row> predictions = table(output, PredictionsTable.DIRECTORY);
        assertEquals(List.of("1/0/true", "1/3/false", "2/0/true", "3/0/true"), predictions
                .orderBy("image_id", "person_index").collectAsList().stream()
                .map(r -> r.getLong(0) + "/" + r.getInt(4) + "/" + r.getBoolean(r.fieldIndex("nms_kept"))).toList());
        RunCounts counts = result.run().counts();
        assertEquals(7, counts.imagesListed());
        assertEquals(3, counts.imagesAnnotated());
        assertEquals(4, counts.imagesFailed());
        assertEquals(10, counts.boxes());
        assertEquals(1, counts.boxesSkipped());
        assertEquals(1, counts.detectionsWithoutImage());
        assertEquals(6, counts.errorRows());
        Row run = table(output, RunTable.DIRECTORY).head();
        assertEquals("detections", run.getString(run.fieldIndex("box_source")));
        assertEquals(detections, run.getString(run.fieldIndex("detections_file")));
        assertEquals(0.5, run.getDouble(run.fieldIndex("box_score_threshold")));
        assertTrue(run.getBoolean(run.fieldIndex("random_weights")));
        assertNull(run.get(run.fieldIndex("weights_sha256")));

        AnnotateResult again = new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options);
        assertEquals(6, again.run().counts().imagesAlreadyDone(),
                "images that failed to decode and did not change count as done; the missing one is retried");
        assertEquals(1, again.run().counts().imagesFailed());
        assertEquals(6, table(output, ErrorsTable.DIRECTORY).count());
    }

    @Test
    void malformedInputsStopTheRunBeforeAnySparkJob() throws IOException {
        String broken = Files.writeString(dir.resolve("broken.json"), "{\"images\": [").toString();
        long jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options(dir.toString(), broken, null,
                        config, weights, dir.resolve("out").toString(), 4, false, null)));
        assertTrue(e.getMessage().startsWith("Annotation file " + broken + " is not valid JSON at line 1"),
                e.getMessage());
        assertEquals(jobsBefore, spark.sparkContext().statusTracker().getJobIdsForGroup(null).length);
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
