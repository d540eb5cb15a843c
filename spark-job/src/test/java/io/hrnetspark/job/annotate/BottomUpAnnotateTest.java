package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.eval.EvaluationOutcome;
import io.hrnetspark.job.inference.ExecutorModelCache;
import io.hrnetspark.job.inference.HrnetPredictorFactory;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.testing.AnnotateOptionsBuilder;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.job.testing.TestSpark;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.EvalProtocol;
import io.hrnetspark.model.eval.EvaluationResult;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.BottomUpPose;
import io.hrnetspark.model.pose.BottomUpPoseEstimator;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bottom-up annotate on the higher-tiny fixture (official tiny HigherHRNet config and checkpoint): every
 * image of a folder or annotation file, rows equal to {@link BottomUpPoseEstimator#estimate} bit for bit
 * at batch 1 and in shared batches, re-runs add nothing, and {@code --evaluate} scores them with the COCO
 * and CrowdPose evaluations.
 */
class BottomUpAnnotateTest {

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
            return Path.of(BottomUpAnnotateTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Four images: the photo, its mirror image and a grayscale copy (three of the same resized input
     * size, sharing forward passes when batched) and a 512x384 crop (another size).
     */
    private Map<Long, byte[]> images(Path folder) throws IOException {
        BufferedImage photo = ImageIO.read(fixture("higher-tiny/image.png").toFile());
        AffineTransform mirror = AffineTransform.getScaleInstance(-1, 1);
        mirror.translate(-photo.getWidth(), 0);
        BufferedImage mirrored = new AffineTransformOp(mirror, AffineTransformOp.TYPE_NEAREST_NEIGHBOR)
                .filter(photo, null);
        BufferedImage gray = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.createGraphics().drawImage(photo, 0, 0, null);
        BufferedImage crop = new BufferedImage(512, 384, BufferedImage.TYPE_3BYTE_BGR);
        crop.createGraphics().drawImage(photo.getSubimage(0, 64, 512, 384), 0, 0, null);
        Map<Long, byte[]> files = new TreeMap<>();
        files.put(1L, Files.readAllBytes(fixture("higher-tiny/image.png")));
        files.put(2L, TestImages.encode(mirrored, "png"));
        files.put(3L, TestImages.encode(crop, "png"));
        files.put(4L, TestImages.encode(gray, "png"));
        Files.createDirectories(folder);
        for (Map.Entry<Long, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(String.format("%012d.png", file.getKey())), file.getValue());
        }
        return files;
    }

    private static Map<Long, List<BottomUpPose>> expected(BottomUpPoseConfig config, boolean withWeights,
                                                          Map<Long, byte[]> files) {
        Map<Long, List<BottomUpPose>> people = new TreeMap<>();
        try (BottomUpPoseEstimator estimator = BottomUpPoseEstimator.create(config,
                withWeights ? TorchCheckpoint.load(fixture("higher-tiny/model_legacy.pth")) : null, true)) {
            for (Map.Entry<Long, byte[]> file : files.entrySet()) {
                try (RgbImage image = RgbImage.decode(file.getValue(), "image " + file.getKey())) {
                    people.put(file.getKey(), estimator.estimate(image));
                }
            }
        }
        return people;
    }

    private static Map<String, Row> rows(Path output) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row row : spark.read().format("delta").load(output.resolve(PredictionsTable.DIRECTORY).toString())
                .collectAsList()) {
            rows.put(row.getLong(0) + "/" + row.getInt(row.fieldIndex("person_index")), row);
        }
        return rows;
    }

    /** Every row equals the estimator's person bit for bit, and every person has its row. */
    private static void assertRowsEqual(Map<Long, List<BottomUpPose>> expected, Map<String, Row> rows,
                                        int keypoints) {
        int people = 0;
        for (Map.Entry<Long, List<BottomUpPose>> image : expected.entrySet()) {
            for (int p = 0; p < image.getValue().size(); p++, people++) {
                BottomUpPose pose = image.getValue().get(p);
                Row row = rows.get(image.getKey() + "/" + p);
                String where = "image " + image.getKey() + " person " + p;
                assertEquals(pose.score(), row.getDouble(row.fieldIndex("score")), where);
                List<Row> points = row.getList(row.fieldIndex("keypoints"));
                assertEquals(keypoints, points.size());
                for (int k = 0; k < keypoints; k++) {
                    assertArrayEquals(pose.keypoints()[k], new float[] {points.get(k).getFloat(0),
                        points.get(k).getFloat(1), points.get(k).getFloat(2)}, where + " keypoint " + k);
                }
                Row box = row.getStruct(row.fieldIndex("box"));
                assertArrayEquals(pose.extent(), new double[] {box.getDouble(0), box.getDouble(1), box.getDouble(2),
                    box.getDouble(3)}, where);
                assertTrue(row.isNullAt(row.fieldIndex("box_score")), where);
                assertTrue(row.getBoolean(row.fieldIndex("nms_kept")), where);
            }
        }
        assertEquals(people, rows.size());
    }

    @Test
    void rowsEqualTheEstimatorAtBatchOneAndInSharedBatchesAndAReRunAddsNothing() throws IOException {
        Path folder = dir.resolve("images");
        Map<Long, byte[]> files = images(folder);
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(fixture("higher-tiny/config.yaml"));
        Map<Long, List<BottomUpPose>> expected = expected(config, true, files);
        assertTrue(expected.values().stream().mapToInt(List::size).sum() > 20, "the fixture finds people");

        for (int batch : new int[] {1, 6}) {
            Path output = dir.resolve("out-" + batch);
            AnnotateResult result = new AnnotateJob(spark, new HrnetPredictorFactory()).run(
                    AnnotateOptionsBuilder.of(folder.toString(), fixture("higher-tiny/config.yaml").toString(),
                            output.toString()).weights(fixture("higher-tiny/model_legacy.pth").toString())
                            .batchSize(batch).build());
            assertRowsEqual(expected, rows(output), 17);
            assertEquals(4, result.run().counts().imagesAnnotated());
            assertEquals("bottom-up", result.run().settings().head());
            assertEquals("none", result.run().settings().boxSource());
            assertEquals(0, result.run().counts().boxes());
        }
        assertTrue(RunSummary.of(new AnnotateJob(spark, new HrnetPredictorFactory()).run(
                AnnotateOptionsBuilder.of(folder.toString(), fixture("higher-tiny/config.yaml").toString(),
                        dir.resolve("out-6").toString()).weights(fixture("higher-tiny/model_legacy.pth").toString())
                        .batchSize(6).build())).contains("4 already done"));
        assertRowsEqual(expected, rows(dir.resolve("out-6")), 17);
    }

    @Test
    void evaluateScoresCocoAndCrowdPoseRunsAsTheEvaluatorDoesTheEstimatorsPeople() throws IOException {
        Path folder = dir.resolve("images");
        Map<Long, byte[]> files = images(folder);
        BottomUpPoseConfig coco = (BottomUpPoseConfig) ExperimentConfigReader.read(fixture("higher-tiny/config.yaml"));
        assertEvaluated(folder, files, fixture("higher-tiny/config.yaml"), coco, true, "coco", 17);

        Path crowdConfig = Files.writeString(dir.resolve("crowd-tiny.yaml"),
                Files.readString(fixture("higher-tiny/config.yaml")).replace("DATASET: coco_kpt",
                        "DATASET: crowd_pose_kpt").replace("NUM_JOINTS: 17", "NUM_JOINTS: 14"));
        BottomUpPoseConfig crowd = (BottomUpPoseConfig) ExperimentConfigReader.read(crowdConfig);
        assertEvaluated(folder, files, crowdConfig, crowd, false, "crowdpose", 14);
    }

    private void assertEvaluated(Path folder, Map<Long, byte[]> files, Path configFile, BottomUpPoseConfig config,
                                 boolean withWeights, String dataset, int keypoints) throws IOException {
        Map<Long, List<BottomUpPose>> expected = expected(config, withWeights, files);
        assertTrue(expected.values().stream().mapToInt(List::size).sum() > 0, "the network finds people");
        Path gtFile = groundTruth(files, expected, dataset, keypoints);
        Path output = dir.resolve("eval-" + dataset);
        AnnotateOptionsBuilder builder = AnnotateOptionsBuilder.of(folder.toString(), configFile.toString(),
                output.toString()).annotations(gtFile.toString()).batchSize(4).evaluate(true);
        if (withWeights) {
            builder.weights(fixture("higher-tiny/model_legacy.pth").toString());
        }
        AnnotateOptions options = builder.build();
        AnnotateResult result = new AnnotateJob(spark, new HrnetPredictorFactory()).run(options);
        assertEquals(dataset, result.model().dataset());
        assertRowsEqual(expected, rows(output), keypoints);
        StringWriter printed = new StringWriter();
        EvaluationOutcome outcome = AnnotateEvaluation.run(spark, options, result, result.model().dataset(),
                new PrintWriter(printed));

        CocoDataset gt = CocoDataset.load(gtFile);
        List<CocoAnnotation> results = new ArrayList<>();
        for (Map.Entry<Long, List<BottomUpPose>> image : expected.entrySet()) {
            for (BottomUpPose pose : image.getValue()) {
                double[] flat = new double[3 * keypoints];
                for (int k = 0; k < keypoints; k++) {
                    for (int c = 0; c < 3; c++) {
                        flat[3 * k + c] = pose.keypoints()[k][c];
                    }
                }
                results.add(CocoAnnotation.keypointResult(image.getKey(), 1, flat, pose.score()));
            }
        }
        EvaluationResult direct = new CocoEvaluator(EvalProtocol.of("keypoints", dataset), gt)
                .evaluate(gt.loadRes(results, "estimator"));
        assertEquals(EvalProtocol.of("keypoints", dataset), outcome.result().protocol());
        assertArrayEquals(direct.summary().stats(), outcome.result().summary().stats(), 1e-12);
        assertFalse(printed.toString().isEmpty());
    }

    /** Ground truth for the images: per image its first two people found, moved by a few pixels. */
    private Path groundTruth(Map<Long, byte[]> files, Map<Long, List<BottomUpPose>> people, String dataset,
                             int keypoints) throws IOException {
        List<Map<String, Object>> images = new ArrayList<>();
        List<Map<String, Object>> annotations = new ArrayList<>();
        for (Map.Entry<Long, byte[]> file : files.entrySet()) {
            long id = file.getKey();
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("id", id);
            image.put("file_name", String.format("%012d.png", id));
            image.put("width", 512);
            image.put("height", id == 3 ? 384 : 512);
            if (dataset.equals("crowdpose")) {
                image.put("crowdIndex", 0.2);
            }
            images.add(image);
            List<BottomUpPose> found = people.get(id);
            for (int p = 0; p < Math.min(2, found.size()); p++) {
                List<Double> flat = new ArrayList<>();
                int visible = 0;
                for (float[] keypoint : found.get(p).keypoints()) {
                    boolean has = keypoint[2] > 0;
                    flat.add(has ? keypoint[0] + 3.0 * (p + 1) : 0);
                    flat.add(has ? keypoint[1] - 2.0 : 0);
                    flat.add(has ? 2.0 : 0);
                    visible += has ? 1 : 0;
                }
                double[] box = found.get(p).extent();
                Map<String, Object> annotation = new LinkedHashMap<>();
                annotation.put("id", id * 10 + p);
                annotation.put("image_id", id);
                annotation.put("category_id", 1);
                annotation.put("iscrowd", 0);
                annotation.put("num_keypoints", visible);
                annotation.put("keypoints", flat);
                annotation.put("bbox", List.of(box[0], box[1], Math.max(box[2], 8), Math.max(box[3], 8)));
                annotation.put("area", Math.max(box[2], 8) * Math.max(box[3], 8));
                annotations.add(annotation);
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < keypoints; k++) {
            names.add("k" + k);
        }
        Path file = dir.resolve(dataset + "-gt.json");
        new ObjectMapper().writeValue(file.toFile(), Map.of("images", images, "annotations", annotations,
                "categories", List.of(Map.of("id", 1, "name", "person", "supercategory", "person",
                        "keypoints", names, "skeleton", List.of()))));
        return file;
    }
}
