package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.inference.HrnetPredictorFactory;
import io.hrnetspark.job.output.MasksTable;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.job.testing.TestSpark;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.seg.ClassMask;
import io.hrnetspark.model.seg.LabelMap;
import io.hrnetspark.model.seg.LabelMapPng;
import io.hrnetspark.model.seg.SemanticSegmenter;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Segmentation annotate on the seg-tiny fixture (official tiny HRNetV2 config and checkpoint, sliding
 * windows with the flip test): the {@code masks} rows equal {@code SemanticSegmenter.segment(...).classMasks()}
 * bit for bit at batch 1 and in shared batches, {@code --label-pngs} writes each label map's PNG, and a
 * re-run adds nothing.
 */
class SegmentationAnnotateTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.start("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        ExecutorModelCache.closeAll();
    }

    static Path fixture(String name) {
        try {
            return Path.of(SegmentationAnnotateTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The fixture config at a test size: the long side of a 128x64 image is TEST.BASE_SIZE; at scale 1
     * the whole image runs, at scale 1.5 windows of 64x64 slide over it; each input runs with its
     * mirror image.
     */
    static Path config(Path dir) throws IOException {
        String yaml = Files.readString(fixture("seg-tiny/config.yaml"));
        String test = "TEST:\n  BASE_SIZE: 2048\n  BATCH_SIZE_PER_GPU: 4\n  FLIP_TEST: false\n  IMAGE_SIZE:\n  - 2048\n"
                + "  - 1024\n";
        String scales = "  SCALE_LIST:\n  - 1\n";
        assertTrue(yaml.contains(test) && yaml.contains(scales));
        return Files.writeString(dir.resolve("seg.yaml"), yaml.replace(test,
                "TEST:\n  BASE_SIZE: 128\n  BATCH_SIZE_PER_GPU: 4\n  FLIP_TEST: true\n  IMAGE_SIZE:\n  - 64\n  - 64\n")
                .replace(scales, "  SCALE_LIST:\n  - 1\n  - 1.5\n"));
    }

    /** The fixture's two images, the first one's mirror image (three of one size) and a 96x64 crop of it. */
    static Map<Long, byte[]> images(Path folder) throws IOException {
        INDArray pixels = Nd4j.createFromNpyFile(fixture("seg-tiny/images_uint8.npy").toFile());
        Map<Long, byte[]> files = new TreeMap<>();
        files.put(1L, TestImages.encode(image(pixels, 0, false, 128), "png"));
        files.put(2L, TestImages.encode(image(pixels, 1, false, 128), "png"));
        files.put(3L, TestImages.encode(image(pixels, 0, true, 128), "png"));
        files.put(4L, TestImages.encode(image(pixels, 0, false, 96), "png"));
        Files.createDirectories(folder.resolve("city"));
        for (Map.Entry<Long, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(path(file.getKey())), file.getValue());
        }
        return files;
    }

    static String path(long id) {
        return String.format("city/frame_%06d.png", id);
    }

    private static BufferedImage image(INDArray pixels, int index, boolean mirrored, int width) {
        BufferedImage image = new BufferedImage(width, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < width; x++) {
                int source = mirrored ? 127 - x : x;
                image.setRGB(x, y, pixels.getInt(index, y, source, 0) << 16 | pixels.getInt(index, y, source, 1) << 8
                        | pixels.getInt(index, y, source, 2));
            }
        }
        return image;
    }

    static Map<Long, LabelMap> expected(Path config, Map<Long, byte[]> files) {
        Map<Long, LabelMap> labels = new TreeMap<>();
        try (SemanticSegmenter segmenter = SemanticSegmenter.create(
                (SegmentationConfig) ExperimentConfigReader.read(config),
                TorchCheckpoint.load(fixture("seg-tiny/model_legacy.pth")))) {
            for (Map.Entry<Long, byte[]> file : files.entrySet()) {
                try (RgbImage image = RgbImage.decode(file.getValue(), "image " + file.getKey())) {
                    labels.put(file.getKey(), segmenter.segment(image));
                }
            }
        }
        return labels;
    }

    /** The masks table equals the class masks of each label map, row for row. */
    static void assertMasksEqual(SparkSession spark, Map<Long, LabelMap> expected, Path output) {
        Dataset<Row> table = spark.read().format("delta").load(output.resolve(MasksTable.DIRECTORY).toString());
        assertEquals("struct<image_id:bigint,file_path:string,width:int,height:int,category_id:int,class_name:string,"
                + "segmentation:struct<size:array<int>,counts:string>,area:bigint,bbox:array<double>,run_id:string,"
                + "model_id:string>", table.schema().simpleString());
        Map<String, Row> rows = new TreeMap<>();
        for (Row row : table.collectAsList()) {
            rows.put(row.getLong(0) + "/" + row.getInt(row.fieldIndex("category_id")), row);
        }
        int masks = 0;
        for (Map.Entry<Long, LabelMap> image : expected.entrySet()) {
            for (ClassMask mask : image.getValue().classMasks()) {
                masks++;
                Row row = rows.get(image.getKey() + "/" + mask.classId());
                String where = "image " + image.getKey() + " class " + mask.classId();
                assertEquals(path(image.getKey()), row.getString(row.fieldIndex("file_path")), where);
                assertEquals(image.getValue().width(), row.getInt(row.fieldIndex("width")), where);
                assertEquals(64, row.getInt(row.fieldIndex("height")), where);
                assertEquals(SegmentationClasses.CITYSCAPES.classes().get(mask.classId()).name(),
                        row.getString(row.fieldIndex("class_name")), where);
                Row segmentation = row.getStruct(row.fieldIndex("segmentation"));
                assertEquals(List.of(64, image.getValue().width()), segmentation.getList(0), where);
                assertEquals(mask.compressedCounts(), segmentation.getString(1), where);
                assertEquals(mask.area(), row.getLong(row.fieldIndex("area")), where);
                List<Double> bbox = row.getList(row.fieldIndex("bbox"));
                assertArrayEquals(mask.bbox(), bbox.stream().mapToDouble(Double::doubleValue).toArray(), where);
            }
        }
        assertEquals(masks, rows.size());
    }

    @Test
    void masksEqualTheSegmenterAtBatchOneAndInSharedBatchesWithLabelPngs() throws IOException {
        Path folder = dir.resolve("images");
        Map<Long, byte[]> files = images(folder);
        Path config = config(dir);
        Map<Long, LabelMap> expected = expected(config, files);
        assertTrue(expected.get(1L).classMasks().size() > 3, "several classes in the fixture");

        for (int batch : new int[] {1, 8}) {
            Path output = dir.resolve("out-" + batch);
            AnnotateResult result = new AnnotateJob(spark, new HrnetPredictorFactory()).run(
                    AnnotateOptionsBuilder.of(folder.toString(), config.toString(), output.toString())
                            .weights(fixture("seg-tiny/model_legacy.pth").toString()).batchSize(batch)
                            .labelPngs(batch > 1).build());
            assertMasksEqual(spark, expected, output);
            assertEquals(4, result.run().counts().imagesAnnotated());
            assertEquals(expected.values().stream().mapToLong(l -> l.classMasks().size()).sum(),
                    result.run().counts().masks());
            assertEquals("segmentation", result.run().settings().head());
            assertFalse(Files.exists(output.resolve(PredictionsTable.DIRECTORY)), "no predictions table");
            assertTrue(RunSummary.of(result).contains("masks:"), RunSummary.of(result));
        }
        assertFalse(Files.exists(dir.resolve("out-1").resolve("labels")), "label maps only with --label-pngs");
        try (SemanticSegmenter segmenter = SemanticSegmenter.create(
                (SegmentationConfig) ExperimentConfigReader.read(config), null)) {
            for (Map.Entry<Long, LabelMap> image : expected.entrySet()) {
                Path png = dir.resolve("out-8").resolve("labels").resolve(path(image.getKey()));
                assertArrayEquals(LabelMapPng.encode(image.getValue(), segmenter.classes()), Files.readAllBytes(png),
                        png.toString());
            }
        }

        AnnotateResult again = new AnnotateJob(spark, new HrnetPredictorFactory()).run(
                AnnotateOptionsBuilder.of(folder.toString(), config.toString(), dir.resolve("out-8").toString())
                        .weights(fixture("seg-tiny/model_legacy.pth").toString()).batchSize(8).labelPngs(true)
                        .build());
        assertEquals(4, again.run().counts().imagesAlreadyDone());
        assertEquals(0, again.run().counts().masks());
        assertMasksEqual(spark, expected, dir.resolve("out-8"));
    }
}
