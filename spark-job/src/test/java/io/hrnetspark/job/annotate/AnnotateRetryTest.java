package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.TestSamples;
import io.hrnetspark.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that fails midway and is retried ({@code spark.task.maxFailures}) leaves no duplicate rows. */
class AnnotateRetryTest {

    @TempDir
    Path dir;

    @Test
    void aRetriedTaskLeavesExactlyOneRowPerPerson() throws IOException {
        ExecutorModelCache.closeAll();
        BoxEchoModelFactory.reset();
        SyntheticPeople.Summary sample = TestSamples.generate(new SyntheticPeople.Spec(12, 96, 64, 3, 11), dir);
        String config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        String output = dir.resolve("out").toString();
        // local[2, 3]: two task slots, a task may fail up to 3 times (local mode ignores spark.task.maxFailures)
        SparkSession spark = TestSpark.start("local[2,3]");
        try {
            // partition 0's first attempt fails after writing the rows of 2 batches
            BoxEchoModelFactory factory = new BoxEchoModelFactory(null, 0, 2);
            AnnotateResult result = new AnnotateJob(spark, factory).run(AnnotateJobTest.options(
                    sample.imagesRoot().toString(), sample.annotationsFile().toString(), null, config, null, output,
                    2, false, 3));
            assertEquals(1, BoxEchoModelFactory.INJECTED_FAILURES.get());

            Dataset<Row> predictions = spark.read().format("delta").load(Path.of(output, PredictionsTable.DIRECTORY).toString());
            assertEquals(sample.people(), predictions.count());
            assertEquals(sample.people(), predictions.select("image_id", "person_index").distinct().count());
            assertEquals(sample.people(), result.run().counts().persons());
            assertEquals(12, result.run().counts().imagesAnnotated());
        } finally {
            spark.stop();
        }
        try (Stream<Path> files = Files.walk(Path.of(output))) {
            List<String> names = files.map(p -> Path.of(output).relativize(p).toString()).toList();
            assertFalse(names.stream().anyMatch(n -> n.contains("_temporary") || n.contains(".spark-staging")
                    || n.startsWith("_staging")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".parquet")));
        }
    }
}
