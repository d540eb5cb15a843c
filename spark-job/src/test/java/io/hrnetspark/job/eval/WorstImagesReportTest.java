package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's worst images on four synthetic images whose ranking is known: image 3 has no
 * detection (mean OKS 0), images 2 and 4 have every person's keypoints moved sideways by 8% and 3%
 * of the square root of its area, image 1 has them exact (mean OKS 1).
 */
class WorstImagesReportTest {

    private static final int WIDTH = 96;
    private static final int HEIGHT = 64;
    /** Sideways shift of every keypoint as a fraction of sqrt(area), by image id; absent: no detection. */
    private static final Map<Long, Double> SHIFT = Map.of(1L, 0.0, 2L, 0.08, 4L, 0.03);

    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path tmp;

    private Path images;
    private Path gtFile;
    private Path resultsFile;
    private CocoDataset gt;

    @BeforeEach
    void syntheticSet() throws IOException {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        SyntheticPeople.Summary sample = SyntheticPeople.generate(new SyntheticPeople.Spec(4, WIDTH, HEIGHT, 2, 7),
                storage, new org.apache.hadoop.fs.Path(tmp.resolve("sample").toUri()));
        images = tmp.resolve("sample").resolve(SyntheticPeople.IMAGES);
        gtFile = tmp.resolve("sample").resolve(SyntheticPeople.ANNOTATIONS);
        gt = CocoDataset.load(gtFile);
        List<Map<String, Object>> results = new ArrayList<>();
        for (CocoAnnotation person : gt.annotations()) {
            Double shift = SHIFT.get(person.imageId());
            if (shift == null) {
                continue;
            }
            double dx = shift * Math.sqrt(person.area());
            double[] keypoints = person.keypoints().clone();
            for (int k = 0; k < keypoints.length / 3; k++) {
                keypoints[3 * k] += dx;
                keypoints[3 * k + 2] = 0.9;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("image_id", person.imageId());
            result.put("category_id", 1);
            result.put("keypoints", keypoints);
            result.put("score", 0.8);
            results.add(result);
        }
        resultsFile = tmp.resolve("results.json");
        new ObjectMapper().writeValue(resultsFile.toFile(), results);
    }

    private EvaluationOutcome evaluate(String imagesRoot, int worst) {
        return EvaluateJob.run(spark, EvaluateOptions.of(gtFile.toString(), resultsFile.toString(), "keypoints",
                "coco", null, tmp.resolve("report").toString(), imagesRoot, worst), new PrintWriter(new StringWriter()));
    }

    /** The mean over an image's people of mean_k exp(-f²/(2σ_k)²/2) over their labelled keypoints. */
    private double expectedMeanOks(long imageId) {
        double[] sigmas = KeypointSpec.COCO.sigmas();
        double f = SHIFT.get(imageId);
        double sum = 0;
        int people = 0;
        for (CocoAnnotation person : gt.annotations()) {
            if (person.imageId() != imageId) {
                continue;
            }
            double terms = 0;
            int labelled = 0;
            for (int k = 0; k < sigmas.length; k++) {
                if (person.keypoints()[3 * k + 2] > 0) {
                    terms += Math.exp(-f * f / (4 * sigmas[k] * sigmas[k]) / 2);
                    labelled++;
                }
            }
            sum += terms / labelled;
            people++;
        }
        return sum / people;
    }

    @Test
    void theWorstImagesAreChosenInOrderAndDrawnSideBySide() throws IOException {
        EvaluationOutcome outcome = evaluate(images.toString(), 3);

        List<RankedImage> worst = outcome.worstImages();
        assertEquals(List.of(3L, 2L, 4L), worst.stream().map(w -> w.measure().imageId()).toList());
        assertEquals(0.0, worst.get(0).measure().meanOks());
        assertEquals(worst.get(0).measure().people(), worst.get(0).measure().missed());
        assertEquals(expectedMeanOks(2), worst.get(1).measure().meanOks(), 1e-9);
        assertEquals(expectedMeanOks(4), worst.get(2).measure().meanOks(), 1e-9);
        assertTrue(expectedMeanOks(2) < expectedMeanOks(4) && expectedMeanOks(4) < 1);

        Path report = tmp.resolve("report");
        String html = Files.readString(report.resolve(EvaluationReport.PAGE));
        assertTrue(html.contains("<h2>Worst images</h2>"));
        int previous = -1;
        for (long id : List.of(3L, 2L, 4L)) {
            String png = String.format("worst/%012d.png", id);
            BufferedImage drawn = ImageIO.read(report.resolve(png).toFile());
            assertEquals(2 * WIDTH, drawn.getWidth(), png);
            assertEquals(HEIGHT, drawn.getHeight(), png);
            int at = html.indexOf("<img src=\"" + png + "\"");
            assertTrue(at > previous, png + " referenced in rank order");
            previous = at;
            assertTrue(html.contains(String.format("<td>%d</td><td>%012d.png</td>", id, id)), "id and file name");
        }
        assertTrue(html.contains("<td>0.000</td>"), "image 3's mean OKS");
        assertFalse(Files.exists(report.resolve(String.format("worst/%012d.png", 1))), "image 1 is not among the worst");

        BufferedImage original = ImageIO.read(images.resolve(String.format("%012d.png", 3)).toFile());
        BufferedImage pair = ImageIO.read(report.resolve(String.format("worst/%012d.png", 3)).toFile());
        assertArrayEquals(original.getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH),
                pair.getRGB(WIDTH, 0, WIDTH, HEIGHT, null, 0, WIDTH), "no prediction drawn on the right of image 3");
        assertFalse(Arrays.equals(original.getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH),
                pair.getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH)), "ground truth drawn on the left");
    }

    @Test
    void withoutImagesTheWorstAreListedAndThePageSaysWhyTheyAreNotDrawn() throws IOException {
        evaluate(null, EvaluateOptions.DEFAULT_REPORT_WORST);
        Path report = tmp.resolve("report");
        String html = Files.readString(report.resolve(EvaluationReport.PAGE));
        assertTrue(html.contains("The images are not drawn: give <code>--images ROOT</code>"), html);
        for (long id : List.of(3L, 2L, 4L, 1L)) {
            assertTrue(html.contains(String.format("<td>%d</td><td>%012d.png</td>", id, id)), "image " + id + " listed");
        }
        assertTrue(html.indexOf(String.format("%012d.png", 2)) < html.indexOf(String.format("%012d.png", 4)));
        assertFalse(Files.exists(report.resolve(WorstImagesSection.DIRECTORY)));
        assertFalse(html.contains("<img src=\"worst/"));
    }

    @Test
    void anUnreadableImageIsNotedAndTheOthersAreStillDrawn() throws IOException {
        Files.delete(images.resolve(String.format("%012d.png", 2)));
        evaluate(images.toString(), 2);
        Path report = tmp.resolve("report");
        String html = Files.readString(report.resolve(EvaluationReport.PAGE));
        assertTrue(html.contains("not drawn: "), html);
        assertTrue(Files.exists(report.resolve(String.format("worst/%012d.png", 3))));
        assertFalse(Files.exists(report.resolve(String.format("worst/%012d.png", 2))));
        assertFalse(html.contains(String.format("<img src=\"worst/%012d.png\"", 2)));
    }

    @Test
    void badReportOptionsAreOneSentence() {
        assertEquals("--report-worst must be 0 or more, not -1.", assertThrows(InvalidInputException.class,
                () -> EvaluateOptions.of("gt.json", "r.json", "keypoints", "coco", null, "report", null, -1))
                .getMessage());
        assertEquals("--images is read only to draw the report's worst images; add --report DIR or leave"
                + " --images out.", assertThrows(InvalidInputException.class,
                () -> EvaluateOptions.of("gt.json", "r.json", "keypoints", "coco", null, null, "imgs", 12))
                .getMessage());
        assertEquals("--images draws the worst images of a keypoint evaluation; leave it out for --type bbox.",
                assertThrows(InvalidInputException.class,
                        () -> EvaluateOptions.of("gt.json", "r.json", "bbox", "coco", null, "report", "imgs", 12))
                        .getMessage());
    }
}
