package io.hrnetspark.job.annotate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.output.ErrorsTable;
import io.hrnetspark.job.output.ImagesTable;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.output.RunTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.TestSamples;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a later run redoes: failed reads, changed files, --retry-errors, --overwrite of a subset; chunks. */
class ReRunPolicyTest {

    private static SparkSession spark;

    @TempDir
    Path dir;
    private String config;
    private SyntheticPeople.Summary sample;
    private Path images;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void sample() throws IOException {
        ExecutorModelCache.closeAll();
        config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        sample = TestSamples.generate(new SyntheticPeople.Spec(5, 96, 64, 2, 3), dir);
        images = Path.of(sample.imagesRoot().toUri());
    }

    private AnnotateOptionsBuilder options(String annotations) {
        return AnnotateOptionsBuilder.of(images.toString(), config, dir.resolve("out").toString())
                .annotations(annotations).batchSize(2);
    }

    private AnnotateResult run(AnnotateOptionsBuilder options) {
        return new AnnotateJob(spark, BoxEchoModelFactory.plain()).run(options.build());
    }

    private Dataset<Row> table(String name) {
        return spark.read().format("delta").load(dir.resolve("out").resolve(name).toString());
    }

    private Set<Long> erroredImages() {
        return Set.copyOf(table(ErrorsTable.DIRECTORY).select("image_id").distinct().collectAsList().stream()
                .map(r -> r.getLong(0)).toList());
    }

    private static Path file(Path images, long id) {
        return images.resolve(String.format("%012d.png", id));
    }

    @Test
    void readFailuresAreRetriedDecodeFailuresOnlyOnceTheFileChanges() throws IOException {
        String gt = sample.annotationsFile().toString();
        byte[] original = Files.readAllBytes(file(images, 1));
        Files.delete(file(images, 1));
        Files.writeString(file(images, 2), "not an image");

        AnnotateResult first = run(options(gt));
        assertEquals(3, first.run().counts().imagesAnnotated());
        assertEquals(2, first.run().counts().imagesFailed());
        assertEquals(Set.of(1L, 2L), erroredImages());

        AnnotateResult second = run(options(gt));
        assertEquals(4, second.run().counts().imagesAlreadyDone(), "the unchanged undecodable file counts as done");
        assertEquals(1, second.run().counts().imagesFailed(), "the missing file is tried again");

        AnnotateResult forced = run(options(gt).retryErrors(true));
        assertEquals(3, forced.run().counts().imagesAlreadyDone(), "--retry-errors retries the unchanged file too");
        assertEquals(2, forced.run().counts().imagesFailed());

        Files.write(file(images, 1), original);
        AnnotateResult appeared = run(options(gt));
        assertEquals(1, appeared.run().counts().imagesAnnotated(), "the file that appeared is annotated");
        assertEquals(Set.of(2L), erroredImages(), "and its read error is gone");

        Files.write(file(images, 2), TestImages.png(96, 64));
        AnnotateResult repaired = run(options(gt));
        assertEquals(1, repaired.run().counts().imagesAnnotated(), "the changed file is decoded again");
        assertEquals(Set.of(), erroredImages());
        assertEquals(5, table(ImagesTable.DIRECTORY).where(col("status").equalTo("annotated")).count());
        assertEquals(sample.people(), table(PredictionsTable.DIRECTORY).count());
    }

    @Test
    void overwriteReplacesOnlyTheImagesOfItsOwnManifest() throws IOException {
        AnnotateResult full = run(options(sample.annotationsFile().toString()));
        long persons = table(PredictionsTable.DIRECTORY).count();

        ObjectMapper json = new ObjectMapper();
        ObjectNode subset = (ObjectNode) json.readTree(Path.of(sample.annotationsFile().toUri()).toFile());
        ArrayNode kept = json.createArrayNode();
        subset.withArray("images").forEach(image -> {
            if (image.get("id").asLong() <= 2) {
                kept.add(image);
            }
        });
        subset.set("images", kept);
        ArrayNode keptAnnotations = json.createArrayNode();
        subset.withArray("annotations").forEach(a -> {
            if (a.get("image_id").asLong() <= 2) {
                keptAnnotations.add(a);
            }
        });
        subset.set("annotations", keptAnnotations);
        Path partial = dir.resolve("partial.json");
        json.writeValue(partial.toFile(), subset);

        AnnotateResult redo = run(options(partial.toString()).overwrite(true));
        assertEquals(2, redo.run().counts().imagesAnnotated());
        Dataset<Row> predictions = table(PredictionsTable.DIRECTORY);
        assertEquals(persons, predictions.count(), "the other images keep their rows");
        assertEquals(Set.of(1L, 2L), Set.copyOf(predictions.where(col("run_id").equalTo(redo.run().runId()))
                .select("image_id").distinct().collectAsList().stream().map(r -> r.getLong(0)).toList()));
        assertEquals(persons - keptAnnotations.size(),
                predictions.where(col("run_id").equalTo(full.run().runId())).count());
    }

    @Test
    void chunksAreCommittedOneAfterAnotherAndRecordedWithTheirVersions() {
        AnnotateResult result = run(options(sample.annotationsFile().toString()).commitEvery(2));
        assertEquals(3, result.run().commits().size());
        assertEquals(List.of(1, 2, 3), result.run().commits().stream().map(c -> c.chunk()).toList());
        Row run = table(RunTable.DIRECTORY).head();
        assertEquals("succeeded", run.getString(run.fieldIndex("status")));
        assertEquals(2, run.getInt(run.fieldIndex("commit_every")));
        List<Row> commits = run.getList(run.fieldIndex("commits"));
        assertEquals(3, commits.size());
        long lastImagesVersion = -1;
        for (Row commit : commits) {
            long version = commit.<String, Long>getJavaMap(2).get(ImagesTable.DIRECTORY);
            assertTrue(version > lastImagesVersion, "images commits in chunk order");
            lastImagesVersion = version;
        }
        List<String> tags = spark.sql("DESCRIBE HISTORY delta.`" + dir.resolve("out").resolve(PredictionsTable.DIRECTORY)
                + "`").where(col("userMetadata").isNotNull()).select("userMetadata").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        assertTrue(tags.contains("hrnet-spark annotate run " + result.run().runId() + " chunk 3 predictions"), tags.toString());
        assertEquals(5, table(ImagesTable.DIRECTORY).count());
    }
}
