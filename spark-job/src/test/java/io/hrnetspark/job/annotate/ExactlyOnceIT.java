package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.output.ErrorsTable;
import io.hrnetspark.job.output.ImagesTable;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.TestJvm;
import io.hrnetspark.job.testing.TestSamples;
import io.hrnetspark.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once, whatever happens to the driver: an annotate JVM is killed with SIGKILL at many points
 * (in inference, between chunks, inside a commit, between the tables of a chunk), then a new run on
 * the same output must leave exactly the rows of an undisturbed run; and two runs at once on one
 * output must end as one run would.
 */
class ExactlyOnceIT {

    private static final int IMAGES = 12;
    private static final int COMMIT_EVERY = 4;
    // A generous bound: on a 2-core machine shared with other builds (load 24), starting and planning alone took 2.5 min.
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static SyntheticPeople.Summary sample;
    private static String config;
    private static Map<String, String> reference;

    @BeforeAll
    static void referenceRun() throws IOException {
        spark = TestSpark.start("local[2]");
        sample = TestSamples.generate(new SyntheticPeople.Spec(IMAGES, 96, 64, 3, 21), dir);
        Files.writeString(Path.of(sample.imagesRoot().toUri()).resolve("000000000003.png"), "broken");
        config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        Path out = dir.resolve("reference");
        rerun(out);
        reference = content(out);
        assertTrue(reference.keySet().stream().anyMatch(k -> k.startsWith("errors ")), "the sample has an error row");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest(name = "killed at {0}")
    // Three chunks of four images; only the first has an error row, so chunk 2's errors commit changes nothing and
    // a kill after it would leave what a kill after its predictions leaves.
    @ValueSource(strings = {"inference:5", "after:1:images", "after:2:predictions", "before:2:predictions+300",
        "before:2:images+40"})
    void aRunKilledAnywhereLeavesWorkToRedoButNeverALostOrDoubleRow(String point) throws Exception {
        Path out = dir.resolve("out-" + point.replaceAll("[^a-z0-9]", "_"));
        Path control = dir.resolve("control-" + point.replaceAll("[^a-z0-9]", "_"));
        TestJvm child = start(out, control, point);
        awaitFile(child, control.resolve("stopped"));
        String[] delay = point.split("\\+");
        if (delay.length == 2) {
            Thread.sleep(Long.parseLong(delay[1]));
        }
        child.kill();
        assertFalse(Files.exists(control.resolve("finished")), "killed before it finished");
        assertNoDuplicateKeys(out);

        AnnotateResult resumed = rerun(out);
        assertEquals(reference, content(out), "after the kill at " + point + " and a new run");
        assertTrue(resumed.run().counts().imagesAlreadyDone() + resumed.run().counts().imagesAnnotated()
                + resumed.run().counts().imagesFailed() == IMAGES);
        AnnotateResult again = rerun(out);
        assertEquals(IMAGES, again.run().counts().imagesAlreadyDone(), "nothing left to do");
        assertEquals(reference, content(out), "a later run publishes nothing the killed one left behind");
    }

    @Test
    void twoRunsAtOnceOnOneOutputEndAsOneRunWould() throws Exception {
        Path out = dir.resolve("out-concurrent");
        List<TestJvm> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(start(out, dir.resolve("control-concurrent-" + i), "none"));
        }
        for (TestJvm run : runs) {
            assertTrue(run.process().waitFor(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                    run.tail());
            assertEquals(0, run.process().exitValue(), run.tail());
        }
        assertEquals(reference, content(out));
        assertEquals(2, spark.read().format("delta").load(out.resolve("run").toString())
                .where("status = 'succeeded'").count());
    }

    private static TestJvm start(Path out, Path control, String point) throws IOException {
        Files.createDirectories(control);
        return TestJvm.start(AnnotateProcess.class, List.of("--images", sample.imagesRoot().toString(),
                "--annotations", sample.annotationsFile().toString(), "--config", config, "--output", out.toString(),
                "--commit-every", String.valueOf(COMMIT_EVERY), "--control", control.toString(), "--stop-at", point),
                control.resolve("jvm.log"));
    }

    private static void awaitFile(TestJvm child, Path file) throws InterruptedException {
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (!Files.exists(file)) {
            if (!child.process().isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("The run never reached its stop point:\n" + child.tail());
            }
            Thread.sleep(50);
        }
    }

    private static AnnotateResult rerun(Path out) {
        ExecutorModelCache.closeAll();
        return new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(
                AnnotateOptionsBuilder.of(sample.imagesRoot().toString(), config, out.toString())
                        .annotations(sample.annotationsFile().toString()).commitEvery(COMMIT_EVERY).batchSize(2)
                        .build());
    }

    private static void assertNoDuplicateKeys(Path out) {
        for (String[] table : new String[][] {{PredictionsTable.DIRECTORY, "image_id", "person_index"},
            {ErrorsTable.DIRECTORY, "image_id", "stage", "person_index"}, {ImagesTable.DIRECTORY, "image_id"}}) {
            Path location = out.resolve(table[0]);
            if (!Files.exists(location.resolve("_delta_log"))) {
                continue;
            }
            Dataset<Row> rows = spark.read().format("delta").load(location.toString());
            String[] key = java.util.Arrays.copyOfRange(table, 1, table.length);
            assertEquals(rows.count(), rows.selectExpr(key).distinct().count(), "duplicate keys in " + table[0]);
        }
    }

    /** Every row of the three tables as text, keyed by table and row key, without the run id. */
    private static Map<String, String> content(Path out) {
        Map<String, String> rows = new TreeMap<>();
        collect(rows, out, PredictionsTable.DIRECTORY, "image_id", "person_index");
        collect(rows, out, ErrorsTable.DIRECTORY, "image_id", "stage", "person_index");
        collect(rows, out, ImagesTable.DIRECTORY, "image_id");
        return rows;
    }

    private static void collect(Map<String, String> rows, Path out, String table, String... key) {
        Dataset<Row> data = spark.read().format("delta").load(out.resolve(table).toString()).drop("run_id");
        for (Row row : data.collectAsList()) {
            StringBuilder id = new StringBuilder(table);
            for (String column : key) {
                id.append(' ').append(row.get(row.fieldIndex(column)));
            }
            String previous = rows.put(id.toString(), row.toString());
            assertEquals(null, previous, "duplicate row " + id);
        }
    }
}
