package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.cli.HrnetSparkCli;
import io.hrnetspark.job.testing.MasksTableFixture;
import io.hrnetspark.job.testing.MasksTableFixture.Image;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.dataset.SegmentationClasses;
import io.hrnetspark.model.seg.LabelMap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --type miou} on the seg-tiny fixture: the official label maps of its two images
 * ({@code labels.npy}, Cityscapes train ids) are the predictions, written as a masks table; the ground truth
 * is made of Cityscapes label-id PNGs with ignored, unmapped and out-of-range values. The expected scores
 * are computed here, pixel by pixel, from the label maps and the official {@code label_mapping} with the
 * official {@code get_confusion_matrix} and {@code testval} formulas, not through the job's classes.
 */
class MiouJobTest {

    private static final int CLASSES = 19;
    private static final int W = 128;
    private static final int H = 64;
    private static final String MODEL = "seg-tiny-random";

    /** lib/datasets/cityscapes.py label_mapping with ignore_label 255. */
    private static final Map<Integer, Integer> LABEL_MAPPING = Map.ofEntries(
            Map.entry(0, 255), Map.entry(1, 255), Map.entry(2, 255), Map.entry(3, 255), Map.entry(4, 255),
            Map.entry(5, 255), Map.entry(6, 255), Map.entry(7, 0), Map.entry(8, 1), Map.entry(9, 255),
            Map.entry(10, 255), Map.entry(11, 2), Map.entry(12, 3), Map.entry(13, 4), Map.entry(14, 255),
            Map.entry(15, 255), Map.entry(16, 255), Map.entry(17, 5), Map.entry(18, 255), Map.entry(19, 6),
            Map.entry(20, 7), Map.entry(21, 8), Map.entry(22, 9), Map.entry(23, 10), Map.entry(24, 11),
            Map.entry(25, 12), Map.entry(26, 13), Map.entry(27, 14), Map.entry(28, 15), Map.entry(29, 255),
            Map.entry(30, 255), Map.entry(31, 16), Map.entry(32, 17), Map.entry(33, 18));
    /** Label id of each train id (the inverse of the mapping on its 19 classes). */
    private static final int[] LABEL_ID = {7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33};

    @TempDir
    static Path tmp;

    private static int[][] predicted;
    private static int[][] groundTruthIds;
    private static String masks;
    private static String gtRoot;

    @BeforeAll
    static void writeTheMasksAndTheGroundTruth() throws IOException {
        SparkSession spark = SparkTestSession.get();
        byte[] npy = Files.readAllBytes(Path.of(SparkTestSession.fixture("seg-tiny", "labels.npy")));
        predicted = new int[2][W * H];
        for (int i = 0; i < 2 * W * H; i++) {
            predicted[i / (W * H)][i % (W * H)] = Byte.toUnsignedInt(npy[npy.length - 2 * W * H + i]);
        }
        groundTruthIds = new int[2][W * H];
        for (int i = 0; i < W * H; i++) {
            int x = i % W;
            int y = i / W;
            // Image 1: the other image's classes as label ids, with ignored ids, 255, unmapped ids (40) and a
            // block of one class; image 2: its own prediction with a band of the other image's classes.
            int a = LABEL_ID[predicted[1][i]];
            if (y < 4) {
                a = x % 7;
            } else if (x < 3) {
                a = 255;
            } else if ((x + y) % 17 == 0) {
                a = 40;
            } else if ((x * y) % 23 == 1) {
                a = 9;
            } else if (x >= 60 && x < 80 && y >= 20 && y < 40) {
                a = 24;
            }
            groundTruthIds[0][i] = a;
            groundTruthIds[1][i] = LABEL_ID[x >= 96 ? predicted[0][i] : predicted[1][i]];
        }
        gtRoot = tmp.resolve("cityscapes").toString();
        for (int n = 0; n < 2; n++) {
            BufferedImage png = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
            png.getRaster().setPixels(0, 0, W, H, groundTruthIds[n]);
            Path file = tmp.resolve("cityscapes/gtFine/val/tiny/tiny_00000" + (n + 1) + "_gtFine_labelIds.png");
            Files.createDirectories(file.getParent());
            Files.write(file, TestImages.encode(png, "png"));
            // The same file where the identity map looks: the image's own path with .png.
            Path identity = tmp.resolve("cityscapes/" + image(n + 1).filePath());
            Files.createDirectories(identity.getParent());
            Files.copy(file, identity);
        }
        masks = tmp.resolve("out/masks").toString();
        MasksTableFixture.write(spark, masks, MasksTableFixture.rows(images(), MiouJobTest::className, MODEL,
                mask -> false));
    }

    private static List<Image> images() {
        return List.of(image(1), image(2));
    }

    private static Image image(int id) {
        byte[] labels = new byte[W * H];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) predicted[id - 1][i];
        }
        return new Image(id, "leftImg8bit/val/tiny/tiny_00000" + id + "_leftImg8bit.png", new LabelMap(W, H, labels));
    }

    private static String className(int c) {
        return SegmentationClasses.CITYSCAPES.classes().get(c).name();
    }

    /**
     * The official scores computed from the label maps: {@code cm[g][p]} over pixels whose mapped ground truth
     * is not 255 and below 19; a pixel without prediction ({@code -1}) adds to its ground-truth row only.
     * Returns mIoU, pixel accuracy, mean accuracy, then the 19 IoUs.
     */
    private static double[] officialScores(int[][] truthIds, int[][] predictions) {
        long[][] cm = new long[CLASSES][CLASSES];
        long[] unpredicted = new long[CLASSES];
        for (int n = 0; n < truthIds.length; n++) {
            for (int i = 0; i < W * H; i++) {
                int g = LABEL_MAPPING.getOrDefault(truthIds[n][i], truthIds[n][i]);
                if (g == 255 || g >= CLASSES) {
                    continue;
                }
                if (predictions[n][i] < 0) {
                    unpredicted[g]++;
                } else {
                    cm[g][predictions[n][i]]++;
                }
            }
        }
        double[] scores = new double[3 + CLASSES];
        double tpSum = 0;
        double posSum = 0;
        double iouSum = 0;
        double accSum = 0;
        for (int c = 0; c < CLASSES; c++) {
            double pos = unpredicted[c];
            double res = 0;
            for (int k = 0; k < CLASSES; k++) {
                pos += cm[c][k];
                res += cm[k][c];
            }
            double tp = cm[c][c];
            scores[3 + c] = tp / Math.max(1.0, pos + res - tp);
            iouSum += scores[3 + c];
            accSum += tp / Math.max(1.0, pos);
            tpSum += tp;
            posSum += pos;
        }
        scores[0] = iouSum / CLASSES;
        scores[1] = tpSum / posSum;
        scores[2] = accSum / CLASSES;
        return scores;
    }

    private static SegmentationScores run(String results, String labelMap, Integer numClasses, String output,
                                          StringWriter printed) {
        return MiouJob.run(SparkTestSession.get(), MiouOptions.of(results, gtRoot, labelMap, numClasses, output,
                null), new PrintWriter(printed));
    }

    private static void assertScores(double[] expected, SegmentationScores scores) {
        assertEquals(expected[0], scores.matrix().meanIou(), 1e-12, "mIoU");
        assertEquals(expected[1], scores.matrix().pixelAccuracy(), 1e-12, "pixel accuracy");
        assertEquals(expected[2], scores.matrix().meanAccuracy(), 1e-12, "mean accuracy");
        double[] iou = scores.matrix().iou();
        for (int c = 0; c < CLASSES; c++) {
            assertEquals(expected[3 + c], iou[c], 1e-12, "IoU of class " + c);
        }
    }

    @Test
    void evaluateMiouEqualsTheOfficialConfusionMatrixOfTheFixtureImages() throws IOException {
        String output = tmp.resolve("metrics-all").toString();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            code = HrnetSparkCli.run("evaluate", "--type", "miou", "--results", tmp.resolve("out").toString(),
                    "--gt-labels", gtRoot, "--label-map", "cityscapes", "--output", output);
        } finally {
            System.setOut(original);
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        double[] expected = officialScores(groundTruthIds, predicted);
        assertTrue(expected[0] > 0.05 && expected[0] < 0.95, "a non-trivial mIoU: " + expected[0]);
        assertTrue(printed.contains(String.format(Locale.ROOT, "Images: 2, classes: 19%nMeanIU: %.4f, Pixel_Acc:"
                + " %.4f, Mean_Acc: %.4f%n", expected[0], expected[1], expected[2])), printed);
        assertTrue(printed.contains(String.format(Locale.ROOT, "   13 car                  IoU %.4f%n",
                expected[3 + 13])), printed);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("metrics-all/metrics.json").toFile());
        assertEquals(expected[0], json.get("mIoU").asDouble(), 1e-12);
        assertEquals(expected[1], json.get("pixelAcc").asDouble(), 1e-12);
        assertEquals(expected[2], json.get("meanAcc").asDouble(), 1e-12);
        for (int c = 0; c < CLASSES; c++) {
            assertEquals(expected[3 + c], json.get("IoU." + className(c)).asDouble(), 1e-12, className(c));
        }
        List<Row> rows = SparkTestSession.get().read().format("delta").load(output + "/metrics")
                .where("metric = 'mIoU'").collectAsList();
        assertEquals(1, rows.size());
        assertEquals(expected[0], rows.get(0).<Double>getAs("value"), 1e-12);
        assertEquals("miou", rows.get(0).getAs("iou_type"));
        assertEquals("cityscapes", rows.get(0).getAs("dataset"));
        assertEquals(MODEL, rows.get(0).getAs("model_id"));
    }

    @Test
    void pixelsWithoutAMaskCountAsMissesOfTheirGroundTruthClass() {
        // Image 2 without the mask of its most frequent class: those pixels have no prediction.
        int[] counts = new int[CLASSES];
        Arrays.stream(predicted[1]).forEach(c -> counts[c]++);
        int dropped = 0;
        for (int c = 1; c < CLASSES; c++) {
            dropped = counts[c] > counts[dropped] ? c : dropped;
        }
        int droppedClass = dropped;
        String partial = tmp.resolve("partial/masks").toString();
        MasksTableFixture.write(SparkTestSession.get(), partial, MasksTableFixture.rows(images(),
                MiouJobTest::className, MODEL, mask -> mask[0] == 2 && mask[1] == droppedClass));
        int[][] withHoles = {predicted[0], Arrays.stream(predicted[1]).map(c -> c == droppedClass ? -1 : c).toArray()};
        StringWriter printed = new StringWriter();
        SegmentationScores scores = run(partial, "cityscapes", null, null, printed);
        assertScores(officialScores(groundTruthIds, withHoles), scores);
        assertTrue(scores.unpredictedPixels() > 0);
        assertTrue(printed.toString().contains(scores.unpredictedPixels()
                + " scored pixels had no mask and count as misses."), printed.toString());
    }

    @Test
    void theIdentityMapScoresTheStoredValues() {
        // The same PNGs read as class indices: label ids 7-33 become classes 7-18 or fall outside 19 classes.
        SegmentationScores scores = run(masks, "identity", CLASSES, null, new StringWriter());
        long[][] cm = new long[CLASSES][CLASSES];
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < W * H; i++) {
                int g = groundTruthIds[n][i];
                if (g < CLASSES) {
                    cm[g][predicted[n][i]]++;
                }
            }
        }
        for (int g = 0; g < CLASSES; g++) {
            for (int p = 0; p < CLASSES; p++) {
                assertEquals(cm[g][p], scores.matrix().count(g, p), g + "," + p);
            }
        }
    }

    @Test
    void theFixturesClassCountMatchesItsConfigAndTheCityscapesMap() {
        SegmentationConfig config = (SegmentationConfig) ExperimentConfigReader.read(
                Path.of(SparkTestSession.fixture("seg-tiny", "config.yaml")));
        assertEquals(config.numClasses(), MiouOptions.of(masks, gtRoot, "cityscapes", null, null, null).numClasses());
        assertEquals("--num-classes 20 contradicts the cityscapes label map, which scores 19 classes; leave"
                        + " --num-classes out or use --label-map identity.",
                assertThrows(InvalidInputException.class,
                        () -> MiouOptions.of(masks, gtRoot, "cityscapes", 20, null, null)).getMessage());
        assertEquals("--label-map identity needs the number of classes the model predicts (DATASET.NUM_CLASSES of"
                        + " its config); give --num-classes N.",
                assertThrows(InvalidInputException.class,
                        () -> MiouOptions.of(masks, gtRoot, "identity", null, null, null)).getMessage());
    }

    @Test
    void masksOfAnotherDatasetAreOneSentence() {
        assertEquals("Masks " + masks + " name class 0 'road' but class 0 of the lip label map is 'Background'; the"
                        + " model was trained on another dataset, so evaluate with its label map (or --label-map"
                        + " identity --num-classes N).",
                assertThrows(InvalidInputException.class, () -> run(masks, "lip", null, null, new StringWriter()))
                        .getMessage());
        int highest = Arrays.stream(predicted[0]).max().getAsInt();
        highest = Math.max(highest, Arrays.stream(predicted[1]).max().getAsInt());
        assertEquals("Masks " + masks + " hold class " + highest + " but the identity label map scores 10 classes"
                        + " (0-9); evaluate with the label map of the model's dataset or a larger --num-classes.",
                assertThrows(InvalidInputException.class, () -> run(masks, "identity", 10, null, new StringWriter()))
                        .getMessage());
    }

    @Test
    void aMissingGroundTruthFileIsOneSentence() throws IOException {
        String other = tmp.resolve("missing/masks").toString();
        List<Image> images = List.of(image(1), new Image(7, "leftImg8bit/val/tiny/tiny_000007_leftImg8bit.png",
                image(2).labels()), new Image(9, "leftImg8bit/val/tiny/tiny_000009_leftImg8bit.png", image(2).labels()));
        MasksTableFixture.write(SparkTestSession.get(), other, MasksTableFixture.rows(images, MiouJobTest::className,
                MODEL, mask -> false));
        String expectedFile = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(
                Path.of(gtRoot).toUri()), "gtFine/val/tiny/tiny_000007_gtFine_labelIds.png").toString();
        assertEquals("Image 7 (leftImg8bit/val/tiny/tiny_000007_leftImg8bit.png) has no ground-truth label file "
                        + expectedFile + " (nor do 1 more images); give --gt-labels the root of the label files,"
                        + " named as the cityscapes label map expects (README: evaluate --type miou).",
                assertThrows(InvalidInputException.class, () -> run(other, "cityscapes", null, null,
                        new StringWriter())).getMessage());
    }
}
