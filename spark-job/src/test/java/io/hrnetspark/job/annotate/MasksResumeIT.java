package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.inference.HrnetPredictorFactory;
import io.hrnetspark.job.output.ImagesTable;
import io.hrnetspark.job.output.MasksTable;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.TestJvm;
import io.hrnetspark.job.testing.TestSpark;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.seg.LabelMap;
import io.hrnetspark.model.seg.LabelMapPng;
import io.hrnetspark.model.seg.SemanticSegmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segmentation run with {@code --label-pngs} killed (SIGKILL) between two chunk commits resumes
 * without duplicates: the next run does only the images not committed, and the masks table and the
 * label PNGs end as the segmenter's for every image.
 */
class MasksResumeIT {

    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
        ExecutorModelCache.closeAll();
    }

    @Test
    void aRunKilledBetweenChunksResumesWithoutDuplicates() throws Exception {
        Path folder = dir.resolve("images");
        Map<Long, byte[]> files = SegmentationAnnotateTest.images(folder);
        Path config = SegmentationAnnotateTest.config(dir);
        String weights = SegmentationAnnotateTest.fixture("seg-tiny/model_legacy.pth").toString();
        Path out = dir.resolve("out");
        Path control = Files.createDirectories(dir.resolve("control"));
        TestJvm child = TestJvm.start(AnnotateProcess.class, List.of("--images", folder.toString(), "--config",
                config.toString(), "--weights", weights, "--label-pngs", "true", "--output", out.toString(),
                "--commit-every", "2", "--control", control.toString(), "--stop-at", "after:1:images"),
                control.resolve("jvm.log"));
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (!Files.exists(control.resolve("stopped"))) {
            if (!child.process().isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("The run never reached its stop point:\n" + child.tail());
            }
            Thread.sleep(50);
        }
        child.kill();
        assertFalse(Files.exists(control.resolve("finished")), "killed before it finished");
        assertEquals(2, spark.read().format("delta").load(out.resolve(ImagesTable.DIRECTORY).toString()).count(),
                "the first chunk of two images was committed");

        AnnotateResult resumed = new AnnotateJob(spark, new HrnetPredictorFactory()).run(
                AnnotateOptionsBuilder.of(folder.toString(), config.toString(), out.toString()).weights(weights)
                        .labelPngs(true).commitEvery(2).batchSize(2).build());
        assertEquals(2, resumed.run().counts().imagesAlreadyDone());
        assertEquals(2, resumed.run().counts().imagesAnnotated());

        Map<Long, LabelMap> expected = SegmentationAnnotateTest.expected(config, files);
        SegmentationAnnotateTest.assertMasksEqual(spark, expected, out);
        Dataset<Row> masks = spark.read().format("delta").load(out.resolve(MasksTable.DIRECTORY).toString());
        assertEquals(masks.count(), masks.select("image_id", "category_id").distinct().count(), "no duplicate key");
        try (SemanticSegmenter segmenter = SemanticSegmenter.create(
                (SegmentationConfig) ExperimentConfigReader.read(config), null)) {
            for (Map.Entry<Long, LabelMap> image : expected.entrySet()) {
                Path png = out.resolve("labels").resolve(SegmentationAnnotateTest.path(image.getKey()));
                assertArrayEquals(LabelMapPng.encode(image.getValue(), segmenter.classes()), Files.readAllBytes(png));
            }
        }
    }
}
