package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.net.CpuIsa;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.inference.TopDownModelFactory;
import io.hrnetspark.job.output.ErrorsTable;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.testing.TestSpark;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.PersonPose;
import io.hrnetspark.model.pose.TopDownPoseEstimator;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The annotate job with the real network, on the pose-tiny fixture (official tiny HRNet config and
 * checkpoint, a photo and three boxes): its rows equal the single-machine estimator's poses, and the
 * official code's keypoints.
 */
class TopDownAnnotateTest {

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

    private static Path fixture(String name) {
        try {
            return Path.of(TopDownAnnotateTest.class.getResource("/fixtures/pose-tiny/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PersonBox> fixtureBoxes() throws IOException {
        List<PersonBox> boxes = new ArrayList<>();
        for (JsonNode box : new ObjectMapper().readTree(fixture("boxes.json").toFile()).get("boxes")) {
            JsonNode xywh = box.get("box_xywh");
            boxes.add(new PersonBox(xywh.get(0).asDouble(), xywh.get(1).asDouble(), xywh.get(2).asDouble(),
                    xywh.get(3).asDouble(), 1.0));
        }
        return boxes;
    }

    /** Detections JSON giving each image id the boxes. */
    private Path detections(Map<Long, List<PersonBox>> boxes) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        boxes.forEach((id, list) -> list.forEach(b -> entries.add(Map.of("image_id", id, "category_id", 1,
                "bbox", List.of(b.x(), b.y(), b.width(), b.height()), "score", b.score()))));
        Path file = dir.resolve("detections.json");
        new ObjectMapper().writeValue(file.toFile(), entries);
        return file;
    }

    private AnnotateResult annotate(Path images, Path detections, int batchSize) {
        return annotate(images, detections, batchSize, Precision.FP32);
    }

    private AnnotateResult annotate(Path images, Path detections, int batchSize, Precision precision) {
        return new AnnotateJob(spark, new TopDownModelFactory()).run(new AnnotateOptions(images.toString(),
                Optional.empty(), Optional.of(detections.toString()), Optional.of(0.0),
                fixture("config.yaml").toString(), Optional.of(fixture("model_legacy.pth").toString()), false,
                dir.resolve("out").toString(), batchSize, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, precision));
    }

    private static TopDownPoseEstimator estimator() {
        return estimator(Precision.FP32);
    }

    private static TopDownPoseEstimator estimator(Precision precision) {
        return TopDownPoseEstimator.create((TopDownPoseConfig) ExperimentConfigReader.read(fixture("config.yaml")),
                TorchCheckpoint.load(fixture("model_legacy.pth")), true, precision);
    }

    private Map<String, Row> predictionsByImageAndPerson() {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : spark.read().format("delta").load(dir.resolve("out").resolve(PredictionsTable.DIRECTORY).toString())
                .collectAsList()) {
            rows.put(row.getLong(0) + "/" + row.getInt(row.fieldIndex("person_index")), row);
        }
        return rows;
    }

    private static float[][] keypoints(Row row) {
        List<Row> points = row.getList(row.fieldIndex("keypoints"));
        float[][] keypoints = new float[points.size()][];
        for (int k = 0; k < keypoints.length; k++) {
            keypoints[k] = new float[] {points.get(k).getFloat(0), points.get(k).getFloat(1),
                points.get(k).getFloat(2)};
        }
        return keypoints;
    }

    @Test
    void rowsEqualTheSingleMachineEstimatorAndTheOfficialKeypoints() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.copy(fixture("image.png"), images.resolve("000000000007.png"));
        List<PersonBox> boxes = fixtureBoxes();

        AnnotateResult result = annotate(images, detections(Map.of(7L, boxes)), 3);

        List<PersonPose> expected;
        List<PersonPose> kept;
        try (TopDownPoseEstimator estimator = estimator();
             RgbImage image = RgbImage.read(fixture("image.png"))) {
            expected = estimator.estimate(image, boxes);
            kept = estimator.suppressOverlaps(expected);
        }
        Map<String, Row> rows = predictionsByImageAndPerson();
        assertEquals(3, rows.size());
        INDArray official = Nd4j.createFromNpyFile(fixture("preds.npy").toFile());
        for (int i = 0; i < 3; i++) {
            Row row = rows.get("7/" + i);
            assertArrayEquals(expected.get(i).keypoints(), keypoints(row), "person " + i);
            assertEquals(expected.get(i).score(), row.getDouble(row.fieldIndex("score")));
            assertEquals(kept.contains(expected.get(i)), row.getBoolean(row.fieldIndex("nms_kept")));
            assertEquals(512, row.getInt(row.fieldIndex("width")));
            float[][] keypoints = keypoints(row);
            for (int k = 0; k < keypoints.length; k++) {
                assertEquals(official.getDouble(i, k, 0), keypoints[k][0], 1e-3, "x of person " + i + " keypoint " + k);
                assertEquals(official.getDouble(i, k, 1), keypoints[k][1], 1e-3, "y of person " + i + " keypoint " + k);
            }
        }
        assertEquals(List.of("cpu"), result.run().devices());
        assertEquals(TorchCheckpoint.sha256(fixture("model_legacy.pth")), result.run().settings().weightsSha256());
        assertTrue(result.run().settings().flipTest());
        assertEquals(0.2, result.run().settings().inVisThreshold());
        assertEquals(0.9, result.run().settings().oksThreshold());
    }

    @Test
    void inBf16TheRowsEqualTheSingleMachineBf16Estimator() throws IOException {
        Assumptions.assumeTrue(CpuIsa.detect().bf16(), "this CPU has no bf16 arithmetic");
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.copy(fixture("image.png"), images.resolve("000000000007.png"));
        List<PersonBox> boxes = fixtureBoxes();

        annotate(images, detections(Map.of(7L, boxes)), 3, Precision.BF16);

        List<PersonPose> expected;
        try (TopDownPoseEstimator estimator = estimator(Precision.BF16);
             RgbImage image = RgbImage.read(fixture("image.png"))) {
            expected = estimator.estimate(image, boxes);
        }
        Map<String, Row> rows = predictionsByImageAndPerson();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected.get(i).keypoints(), keypoints(rows.get("7/" + i)), "person " + i);
        }
        Row run = spark.read().format("delta").load(dir.resolve("out").resolve("run").toString()).head();
        assertEquals("bf16", run.getString(run.fieldIndex("precision")));
    }

    @Test
    void grayscaleAlphaSixteenBitAndCmykImagesDecodeBrokenOnesBecomeErrors() throws IOException {
        BufferedImage photo = ImageIO.read(fixture("image.png").toFile());
        Path images = Files.createDirectories(dir.resolve("images"));
        Map<Long, byte[]> files = new HashMap<>();
        files.put(1L, encode(convert(photo, BufferedImage.TYPE_BYTE_GRAY), "png"));
        files.put(2L, encode(convert(photo, BufferedImage.TYPE_USHORT_GRAY), "png"));
        files.put(3L, encode(convert(photo, BufferedImage.TYPE_INT_ARGB), "png"));
        files.put(4L, encode(convert(photo, BufferedImage.TYPE_3BYTE_BGR), "jpg"));
        files.put(5L, cmykJpeg(photo));
        byte[] jpeg = files.get(4L);
        files.put(6L, Arrays.copyOf(jpeg, jpeg.length / 3));
        Map<Long, List<PersonBox>> boxes = new HashMap<>();
        PersonBox box = fixtureBoxes().get(1);
        for (Map.Entry<Long, byte[]> file : files.entrySet()) {
            String name = String.format("%012d.%s", file.getKey(), file.getKey() >= 4 ? "jpg" : "png");
            Files.write(images.resolve(name), file.getValue());
            boxes.put(file.getKey(), List.of(box));
        }
        boxes.put(1L, List.of(box, new PersonBox(10, 10, 0, 30, 0.9)));

        AnnotateResult result = annotate(images, detections(boxes), 4);

        Map<String, Row> rows = predictionsByImageAndPerson();
        assertEquals(List.of("1/0", "2/0", "3/0", "4/0", "5/0"), rows.keySet().stream().sorted().toList());
        try (TopDownPoseEstimator estimator = estimator()) {
            for (long id = 1; id <= 5; id++) {
                try (RgbImage image = RgbImage.decode(files.get(id), "image " + id)) {
                    PersonPose pose = estimator.estimate(image, List.of(box)).get(0);
                    assertArrayEquals(pose.keypoints(), keypoints(rows.get(id + "/0")), "image " + id);
                }
            }
        }
        List<Row> errors = spark.read().format("delta").load(dir.resolve("out").resolve(ErrorsTable.DIRECTORY).toString())
                .orderBy("image_id").collectAsList();
        assertEquals(2, errors.size());
        assertEquals(List.of(1L, "box", 1), List.of(errors.get(0).getLong(0), errors.get(0).getString(2),
                errors.get(0).getInt(3)));
        assertEquals(List.of(6L, "decode"), List.of(errors.get(1).getLong(0), errors.get(1).getString(2)));
        assertEquals(5, result.run().counts().imagesAnnotated());
        assertEquals(1, result.run().counts().imagesFailed());
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), type);
        converted.createGraphics().drawImage(image, 0, 0, null);
        return converted;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** A 4-component (CMYK) JPEG, as print workflows write them. */
    private static byte[] cmykJpeg(BufferedImage photo) throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, photo.getWidth(),
                photo.getHeight(), 4, null);
        int[] pixel = new int[4];
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int rgb = photo.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                int k = 255 - Math.max(r, Math.max(g, b));
                pixel[0] = 255 - r - k;
                pixel[1] = 255 - g - k;
                pixel[2] = 255 - b - k;
                pixel[3] = k;
                cmyk.setPixel(x, y, pixel);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
