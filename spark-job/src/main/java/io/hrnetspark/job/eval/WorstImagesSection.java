package io.hrnetspark.job.eval;

import io.hrnetspark.job.render.RenderedPerson;
import io.hrnetspark.job.render.SkeletonRenderer;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoImage;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.eval.ImageMeanOks;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's worst images of a keypoint evaluation: a table of the images with the lowest
 * {@link ImageMeanOks} and, when an images root is given, each image drawn as
 * {@code worst/<image id>.png} with the ground truth on the left (each person labelled with its OKS,
 * "missed" or "ignored") and the predictions on the right (labelled with their scores).
 */
final class WorstImagesSection {

    static final String DIRECTORY = "worst";

    private static final Logger LOG = LoggerFactory.getLogger(WorstImagesSection.class);
    /** Every predicted keypoint with a positive confidence is drawn: the evaluation scores them all. */
    private static final double KEYPOINT_THRESHOLD = Double.MIN_VALUE;

    private final HadoopStorage storage;
    private final SkeletonRenderer renderer;

    WorstImagesSection(HadoopStorage storage, KeypointSpec spec) {
        this.storage = storage;
        this.renderer = new SkeletonRenderer(spec, KEYPOINT_THRESHOLD);
    }

    /** The file of an image's drawing, relative to the report directory. */
    static String file(long imageId) {
        return String.format(Locale.ROOT, "%s/%012d.png", DIRECTORY, imageId);
    }

    /** Draws the images (when {@code imagesRoot} is given) into {@code directory} and appends the section. */
    void append(StringBuilder html, Path directory, Optional<String> imagesRoot, List<RankedImage> worst) {
        html.append("<h2>Worst images</h2>\n<p>Images ranked by the mean OKS of their ground-truth people"
                + " that count (area all, neither crowd nor without labelled keypoints) with the detection"
                + " each was matched to at the loosest OKS threshold, a person no detection matched"
                + " counting as 0; lowest first, ties by image id. Images without such people are not"
                + " ranked.</p>\n");
        if (worst.isEmpty()) {
            html.append("<p>No image has a ground-truth person that counts.</p>\n");
            return;
        }
        Optional<Path> root = imagesRoot.map(storage::qualified);
        List<String> drawn = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RankedImage image : worst) {
            if (root.isEmpty()) {
                drawn.add(null);
                notes.add("");
                continue;
            }
            Optional<String> problem = draw(root.get(), directory, image);
            drawn.add(problem.isEmpty() ? file(image.measure().imageId()) : null);
            notes.add(problem.orElse(""));
        }
        if (imagesRoot.isEmpty()) {
            html.append("<p>The images are not drawn: give <code>--images ROOT</code>, the folder the"
                    + " ground truth's <code>file_name</code>s are relative to, to see each one with its"
                    + " ground truth and predictions side by side.</p>\n");
        }
        html.append("<table><tr><th>rank</th><th>image id</th><th>file name</th><th>mean OKS</th>"
                + "<th>people</th><th>missed</th><th>detections</th><th>note</th></tr>\n");
        for (int i = 0; i < worst.size(); i++) {
            ImageMeanOks measure = worst.get(i).measure();
            CocoImage image = worst.get(i).annotations().image();
            html.append("<tr><td>").append(i + 1).append("</td><td>").append(measure.imageId())
                    .append("</td><td>").append(EvaluationReport.escape(String.valueOf(image.fileName())))
                    .append("</td><td>").append(oks(measure.meanOks())).append("</td><td>")
                    .append(measure.people()).append("</td><td>").append(measure.missed()).append("</td><td>")
                    .append(worst.get(i).annotations().dts().size()).append("</td><td>")
                    .append(EvaluationReport.escape(notes.get(i))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (int i = 0; i < worst.size(); i++) {
            if (drawn.get(i) == null) {
                continue;
            }
            ImageMeanOks measure = worst.get(i).measure();
            html.append("<figure><img src=\"").append(drawn.get(i)).append("\" alt=\"image ")
                    .append(measure.imageId()).append("\" style=\"max-width:100%\"><figcaption>#").append(i + 1)
                    .append(" image ").append(measure.imageId()).append(" (")
                    .append(EvaluationReport.escape(worst.get(i).annotations().image().fileName()))
                    .append("), mean OKS ").append(oks(measure.meanOks()))
                    .append(": ground truth left, predictions right</figcaption></figure>\n");
        }
    }

    /** Draws one image; the reason it could not be drawn, if so. */
    private Optional<String> draw(Path imagesRoot, Path directory, RankedImage ranked) {
        CocoImage image = ranked.annotations().image();
        if (image.fileName() == null) {
            return Optional.of("the ground truth gives no file_name for this image");
        }
        try {
            BufferedImage decoded = SkeletonRenderer.decode(storage.readAll(new Path(imagesRoot, image.fileName())),
                    image.fileName());
            BufferedImage pair = renderer.renderSideBySide(decoded, groundTruth(ranked), predictions(ranked));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(pair, "png", png);
            storage.write(new Path(directory, file(image.id())), png.toByteArray());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot draw image {} ({}): {}", image.id(), image.fileName(), e.toString());
            return Optional.of("not drawn: " + e.getMessage());
        }
    }

    private static List<RenderedPerson> groundTruth(RankedImage ranked) {
        List<RenderedPerson> persons = new ArrayList<>();
        for (CocoAnnotation gt : ranked.annotations().gts()) {
            Double oks = ranked.measure().personOks().get(gt.id());
            String label = oks == null ? "ignored" : oks == 0 ? "missed" : "OKS " + oks(oks);
            persons.add(new RenderedPerson(gt.bbox(), keypoints(gt.keypoints(), true), label));
        }
        return persons;
    }

    private static List<RenderedPerson> predictions(RankedImage ranked) {
        List<RenderedPerson> persons = new ArrayList<>();
        for (CocoAnnotation dt : ranked.annotations().dts()) {
            persons.add(RenderedPerson.scored(dt.bbox(), keypoints(dt.keypoints(), false), dt.score()));
        }
        return persons;
    }

    /**
     * {@code [x1, y1, v1, ...]} as rows of {x, y, score}; a ground-truth keypoint scores 1 when
     * labelled ({@code v > 0}) and 0 otherwise, a detected one keeps its confidence.
     */
    private static float[][] keypoints(double[] flat, boolean groundTruth) {
        float[][] rows = new float[flat.length / 3][];
        for (int k = 0; k < rows.length; k++) {
            double score = groundTruth ? (flat[3 * k + 2] > 0 ? 1 : 0) : flat[3 * k + 2];
            rows[k] = new float[] {(float) flat[3 * k], (float) flat[3 * k + 1], (float) score};
        }
        return rows;
    }

    private static String oks(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
