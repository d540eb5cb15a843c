package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.net.Precision;
import io.hrnetspark.job.inference.AnnotationHead;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotateOptionsTest {

    @TempDir
    Path dir;
    private String images;
    private String gt;
    private String config;
    private String weights;
    private String detections;

    @BeforeEach
    void files() throws IOException {
        images = Files.createDirectories(dir.resolve("images")).toString();
        gt = Files.writeString(dir.resolve("gt.json"), "{}").toString();
        config = Files.writeString(dir.resolve("w32.yaml"), "MODEL: {}").toString();
        weights = Files.write(dir.resolve("w.pth"), new byte[1]).toString();
        detections = Files.writeString(dir.resolve("det.json"), "[]").toString();
    }

    private AnnotateOptions options(Optional<String> annotations, Optional<String> boxes, Optional<Double> threshold,
                                    Optional<String> weightsFile, boolean random, int batch, boolean evaluate) {
        return new AnnotateOptions(images, annotations, boxes, threshold, config, weightsFile, random,
                dir.resolve("out").toString(), batch, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), evaluate, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32, false);
    }

    private String problems(Optional<String> annotations, Optional<String> boxes, Optional<Double> threshold,
                            Optional<String> weightsFile, boolean random, int batch, boolean evaluate) {
        return assertThrows(InvalidInputException.class,
                () -> options(annotations, boxes, threshold, weightsFile, random, batch, evaluate)).getMessage();
    }

    @Test
    void validOptionsResolveTheBoxSource() {
        AnnotateOptions gtBoxes = options(Optional.of(gt), Optional.empty(), Optional.empty(), Optional.of(weights),
                false, 8, true);
        assertEquals(BoxSource.GroundTruth.official(), gtBoxes.boxSource(0.3));
        AnnotateOptions allBoxes = options(Optional.of(gt), Optional.of("gt-all"), Optional.empty(), Optional.of(weights),
                false, 8, false);
        assertEquals(new BoxSource.GroundTruth(true), allBoxes.boxSource(0.3));
        assertEquals("gt-all", allBoxes.boxSource(0.3).describe());
        AnnotateOptions detected = options(Optional.empty(), Optional.of(detections), Optional.empty(),
                Optional.empty(), true, 8, false);
        assertEquals(new BoxSource.Detections(detections, 0.3), detected.boxSource(0.3));
        AnnotateOptions filtered = options(Optional.of(gt), Optional.of(detections), Optional.of(0.5),
                Optional.of(weights), false, 8, false);
        assertEquals(new BoxSource.Detections(detections, 0.5), filtered.boxSource(0.3));
    }

    @Test
    void everyProblemIsOneSentenceOnItsOwnLine() {
        String message = problems(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(weights), true, 0,
                true);
        assertEquals(List.of(
                "Give either --weights or --random-weights, not both.",
                "--batch-size must be at least 1, got 0.",
                "--evaluate scores the run against ground truth: pass the COCO annotation file with --annotations."),
                message.lines().toList());
    }

    @Test
    void missingWeightsNeedRandomWeights() {
        assertEquals("No --weights given: pass the official .pth checkpoint, or --random-weights to run untrained"
                        + " weights (the keypoints are then meaningless).",
                problems(Optional.of(gt), Optional.empty(), Optional.empty(), Optional.empty(), false, 8, false));
    }

    @Test
    void boxOptionsMustFitTogether() {
        assertEquals("--boxes gt needs the ground truth: pass the COCO annotation file with --annotations.",
                problems(Optional.empty(), Optional.of("gt"), Optional.empty(), Optional.of(weights), false, 8, false));
        assertEquals("--box-score-threshold filters detection boxes and has no effect with ground-truth boxes;"
                        + " drop it or pass --boxes DETECTIONS.json.",
                problems(Optional.of(gt), Optional.of("gt"), Optional.of(0.5), Optional.of(weights), false, 8, false));
        assertEquals("--box-score-threshold filters detection boxes and has no effect with ground-truth boxes;"
                        + " drop it or pass --boxes DETECTIONS.json.", assertThrows(InvalidInputException.class,
                () -> options(Optional.of(gt), Optional.empty(), Optional.of(0.5), Optional.of(weights), false, 8,
                        false).requireFits(AnnotationHead.TOP_DOWN)).getMessage());
        assertEquals("No person boxes: pass a COCO annotation file with --annotations, or detections with --boxes"
                + " DETECTIONS.json.", assertThrows(InvalidInputException.class, () -> options(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(weights), false, 8, false)
                .requireFits(AnnotationHead.TOP_DOWN)).getMessage());
        assertEquals("--box-score-threshold must be a number of at least 0, got -0.1.",
                problems(Optional.of(gt), Optional.of(detections), Optional.of(-0.1), Optional.of(weights), false, 8,
                        false));
    }

    private AnnotateOptions forHead(Optional<String> boxes, Optional<Double> threshold, boolean evaluate,
                                    Optional<Boolean> flip, boolean labelPngs) {
        return new AnnotateOptions(images, Optional.of(gt), boxes, threshold, config, Optional.of(weights), false,
                dir.resolve("out").toString(), 8, Optional.empty(), false, flip, Optional.empty(), Optional.empty(),
                evaluate, Optional.empty(), false, AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32,
                labelPngs);
    }

    private static String refusal(AnnotateOptions options, AnnotationHead head) {
        return assertThrows(InvalidInputException.class, () -> options.requireFits(head)).getMessage();
    }

    @Test
    void optionsThatDoNotApplyToTheHeadAreRefusedNamingOptionAndHead() {
        forHead(Optional.empty(), Optional.empty(), true, Optional.of(false), false).requireFits(AnnotationHead.BOTTOM_UP);
        forHead(Optional.empty(), Optional.empty(), false, Optional.empty(), true)
                .requireFits(AnnotationHead.SEGMENTATION);
        forHead(Optional.of(detections), Optional.of(0.5), true, Optional.of(true), false)
                .requireFits(AnnotationHead.TOP_DOWN);

        assertEquals("--boxes does not apply to bottom-up configs, which take whole images (MODEL.NAME"
                        + " pose_higher_hrnet); drop it.",
                refusal(forHead(Optional.of(detections), Optional.empty(), false, Optional.empty(), false),
                        AnnotationHead.BOTTOM_UP));
        assertEquals(List.of("--boxes does not apply to segmentation configs, which take whole images (MODEL.NAME"
                                + " seg_hrnet); drop it.",
                        "--box-score-threshold does not apply to segmentation configs, which take no person boxes;"
                                + " drop it.",
                        "--evaluate scores keypoints and does not apply to segmentation configs; drop it and score"
                                + " the masks with evaluate --type miou.",
                        "--no-flip does not apply to segmentation configs, which follow their TEST.FLIP_TEST; drop it"
                                + " or change the config."),
                refusal(forHead(Optional.of(detections), Optional.of(0.5), true, Optional.of(false), false),
                        AnnotationHead.SEGMENTATION).lines().toList());
        assertEquals("--label-pngs writes segmentation label maps and does not apply to top-down pose configs;"
                        + " drop it.",
                refusal(forHead(Optional.empty(), Optional.empty(), false, Optional.empty(), true),
                        AnnotationHead.TOP_DOWN));
        assertEquals("--label-pngs writes segmentation label maps and does not apply to bottom-up pose configs;"
                        + " drop it.",
                refusal(forHead(Optional.empty(), Optional.empty(), false, Optional.empty(), true),
                        AnnotationHead.BOTTOM_UP));
    }

    @Test
    void localFilesMustExist() throws IOException {
        String missing = dir.resolve("missing.json").toString();
        assertEquals("--annotations " + missing + " does not exist.",
                problems(Optional.of(missing), Optional.empty(), Optional.empty(), Optional.of(weights), false, 8,
                        false));
        assertEquals("--boxes " + missing + " does not exist.",
                problems(Optional.of(gt), Optional.of(missing), Optional.empty(), Optional.of(weights), false, 8,
                        false));
        assertEquals("--weights " + images + " is a folder; give a file.",
                problems(Optional.of(gt), Optional.empty(), Optional.empty(), Optional.of(images), false, 8, false));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new AnnotateOptions(gt,
                Optional.of(gt), Optional.empty(), Optional.empty(), "file://" + dir.resolve("no.yaml"),
                Optional.of(weights), false, gt, 8, Optional.empty(), false, Optional.empty(), Optional.of(0),
                Optional.of("bad id/1"), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32, false));
        assertEquals(List.of(
                "--images " + gt + " is a file; give the folder that holds the images.",
                "--config file://" + dir.resolve("no.yaml") + " does not exist.",
                "--partitions must be at least 1, got 0.",
                "--model-id 'bad id/1' must be 1 to 100 letters, digits, '.', '_' or '-'.",
                "--output " + gt + " is a file; give a directory for the Parquet datasets."),
                e.getMessage().lines().toList());
    }

    @Test
    void remotePathsAreCheckedWhenRead() {
        AnnotateOptions remote = new AnnotateOptions("s3a://bucket/images", Optional.of("hdfs://nn/gt.json"),
                Optional.empty(), Optional.empty(), "s3a://bucket/w32.yaml", Optional.empty(), true,
                "s3a://bucket/out", 8, Optional.of("spark://127.0.0.1:7077"), true, Optional.of(false),
                Optional.empty(), Optional.of("w32-demo"), false, Optional.empty(), false,
                AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS, Precision.FP32, false);
        assertTrue(remote.groundTruthBoxes());
    }
}
