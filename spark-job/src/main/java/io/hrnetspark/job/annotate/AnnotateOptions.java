package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.AnnotationHead;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.net.Precision;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The options of {@code hrnet-spark annotate}, parsed once and checked as a whole before any Spark
 * work: every problem found is one sentence of the {@link InvalidInputException}, one per line.
 * Local paths ({@code file:}, or no scheme while the default file system is local) must exist; other
 * file systems are checked when read.
 *
 * @param images            images root (any Hadoop path); file paths in the JSON files are relative to it
 * @param annotations       COCO annotation file (images and ground-truth boxes)
 * @param boxes             "gt", or a detections file in COCO results format; default "gt"
 * @param boxScoreThreshold minimum detection score; default the config's {@code TEST.IMAGE_THRE}
 * @param config            official experiment YAML
 * @param weights           official checkpoint ({@code .pth})
 * @param randomWeights     run with untrained weights when there is no checkpoint
 * @param output            output directory of the Delta tables
 * @param batchSize         network samples per forward pass (crops and their mirror images, images, windows)
 * @param master            Spark master URL; default the one spark-submit gives, else {@code local[*]}
 * @param overwrite         redo images the output already has for this model
 * @param flip              flip test; default the config's {@code TEST.FLIP_TEST}
 * @param partitions        number of partitions; default from the work (see {@code WorkBalancer})
 * @param modelId           the model id written with every row; default config name and weights checksum
 * @param evaluate          score the run against the annotation file's keypoints
 * @param commitEvery       images per committed chunk; default sized to a few minutes of work
 * @param retryErrors       also redo images whose decoding failed although their file is unchanged
 * @param maxImagePixels    images declaring more pixels are refused (an error row) before decoding
 * @param precision         the arithmetic of the network's convolutions (bf16 needs avx512_bf16 or amx_bf16)
 * @param labelPngs         also write each label map as a palette PNG under {@code OUT/labels} (segmentation)
 */
public record AnnotateOptions(String images, Optional<String> annotations, Optional<String> boxes,
                              Optional<Double> boxScoreThreshold, String config, Optional<String> weights,
                              boolean randomWeights, String output, int batchSize, Optional<String> master,
                              boolean overwrite, Optional<Boolean> flip, Optional<Integer> partitions,
                              Optional<String> modelId, boolean evaluate, Optional<Integer> commitEvery,
                              boolean retryErrors, long maxImagePixels, Precision precision,
                              boolean labelPngs) {

    public static final int DEFAULT_BATCH_SIZE = 16;
    /** 100 megapixels: every camera photo, refusing only what would take gigabytes to decode. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;
    private static final String GT = "gt";
    private static final String GT_ALL = "gt-all";
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final boolean DEFAULT_FS_IS_LOCAL = defaultFileSystemIsLocal();

    public AnnotateOptions {
        List<String> problems = problems(images, annotations, boxes, boxScoreThreshold, config, weights,
                randomWeights, output, batchSize, partitions, modelId, evaluate);
        commitEvery.filter(n -> n < 1).ifPresent(n -> problems.add("--commit-every must be at least 1 image, got "
                + n + "."));
        if (maxImagePixels < 1) {
            problems.add("--max-image-pixels must be at least 1, got " + maxImagePixels + ".");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join(System.lineSeparator(), problems));
        }
    }

    /**
     * Checks the options against the config's head, in one sentence per problem naming the option and
     * the head: boxes belong to top-down, label maps to segmentation, and segmentation has no keypoints
     * to evaluate and follows its config's flip test.
     *
     * @throws InvalidInputException listing every option that does not apply
     */
    public void requireFits(AnnotationHead head) {
        List<String> problems = new ArrayList<>();
        if (head.takesBoxes()) {
            if (groundTruthBoxes() && annotations.isEmpty()) {
                problems.add("No person boxes: pass a COCO annotation file with --annotations, or detections with"
                        + " --boxes DETECTIONS.json.");
            }
            if (groundTruthBoxes() && boxScoreThreshold.isPresent() && boxes.isEmpty()) {
                problems.add("--box-score-threshold filters detection boxes and has no effect with ground-truth"
                        + " boxes; drop it or pass --boxes DETECTIONS.json.");
            }
        } else {
            boxes.ifPresent(b -> problems.add("--boxes does not apply to " + head.displayName() + " configs, which "
                    + "take whole images (MODEL.NAME " + head.modelName() + "); drop it."));
            boxScoreThreshold.ifPresent(t -> problems.add("--box-score-threshold does not apply to "
                    + head.displayName() + " configs, which take no person boxes; drop it."));
        }
        if (head == AnnotationHead.SEGMENTATION) {
            if (evaluate) {
                problems.add("--evaluate scores keypoints and does not apply to segmentation configs; drop it and "
                        + "score the masks with evaluate --type miou.");
            }
            flip.ifPresent(f -> problems.add("--" + (f ? "" : "no-") + "flip does not apply to segmentation configs,"
                    + " which follow their TEST.FLIP_TEST; drop it or change the config."));
        } else if (labelPngs) {
            problems.add("--label-pngs writes segmentation label maps and does not apply to " + head.displayName()
                    + " pose configs; drop it.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join(System.lineSeparator(), problems));
        }
    }

    public boolean groundTruthBoxes() {
        return boxes.map(b -> b.equalsIgnoreCase(GT) || b.equalsIgnoreCase(GT_ALL)).orElse(true);
    }

    /** The box source, with the config's default score threshold for detections. */
    public BoxSource boxSource(double defaultScoreThreshold) {
        return groundTruthBoxes() ? new BoxSource.GroundTruth(boxes.filter(GT_ALL::equalsIgnoreCase).isPresent())
                : new BoxSource.Detections(boxes.orElseThrow(), boxScoreThreshold.orElse(defaultScoreThreshold));
    }

    private static List<String> problems(String images, Optional<String> annotations, Optional<String> boxes,
                                         Optional<Double> boxScoreThreshold, String config, Optional<String> weights,
                                         boolean randomWeights, String output, int batchSize,
                                         Optional<Integer> partitions, Optional<String> modelId, boolean evaluate) {
        List<String> problems = new ArrayList<>();
        boolean gt = boxes.map(b -> b.equalsIgnoreCase(GT) || b.equalsIgnoreCase(GT_ALL)).orElse(true);
        requireLocal(problems, images, "--images", true);
        annotations.ifPresent(file -> requireLocal(problems, file, "--annotations", false));
        requireLocal(problems, config, "--config", false);
        weights.ifPresent(file -> requireLocal(problems, file, "--weights", false));
        if (!gt) {
            requireLocal(problems, boxes.get(), "--boxes", false);
        }
        if (gt && boxes.isPresent() && annotations.isEmpty()) {
            problems.add("--boxes gt needs the ground truth: pass the COCO annotation file with --annotations.");
        }
        if (gt && boxes.isPresent() && boxScoreThreshold.isPresent()) {
            problems.add("--box-score-threshold filters detection boxes and has no effect with ground-truth boxes; drop it or pass --boxes DETECTIONS.json.");
        }
        boxScoreThreshold.filter(t -> !Double.isFinite(t) || t < 0).ifPresent(t -> problems.add(
                "--box-score-threshold must be a number of at least 0, got " + t + "."));
        if (weights.isPresent() && randomWeights) {
            problems.add("Give either --weights or --random-weights, not both.");
        }
        if (weights.isEmpty() && !randomWeights) {
            problems.add("No --weights given: pass the official .pth checkpoint, or --random-weights to run untrained weights (the keypoints are then meaningless).");
        }
        if (batchSize < 1) {
            problems.add("--batch-size must be at least 1, got " + batchSize + ".");
        }
        partitions.filter(p -> p < 1).ifPresent(p -> problems.add("--partitions must be at least 1, got " + p + "."));
        modelId.filter(id -> !MODEL_ID.matcher(id).matches()).ifPresent(id -> problems.add(
                "--model-id '" + id + "' must be 1 to 100 letters, digits, '.', '_' or '-'."));
        if (evaluate && annotations.isEmpty()) {
            problems.add("--evaluate scores the run against ground truth: pass the COCO annotation file with --annotations.");
        }
        Optional<Path> out = localPath(output);
        if (out.isPresent() && Files.exists(out.get()) && !Files.isDirectory(out.get())) {
            problems.add("--output " + output + " is a file; give a directory for the Parquet datasets.");
        }
        return problems;
    }

    private static void requireLocal(List<String> problems, String location, String option, boolean directory) {
        Optional<Path> path = localPath(location);
        if (path.isEmpty()) {
            return;
        }
        if (!Files.exists(path.get())) {
            problems.add(option + " " + location + " does not exist.");
        } else if (directory && !Files.isDirectory(path.get())) {
            problems.add(option + " " + location + " is a file; give the folder that holds the images.");
        } else if (!directory && Files.isDirectory(path.get())) {
            problems.add(option + " " + location + " is a folder; give a file.");
        }
    }

    /** The local file a location names, or empty when it is on another file system. */
    static Optional<Path> localPath(String location) {
        try {
            URI uri = new URI(location);
            if (uri.getScheme() == null) {
                return DEFAULT_FS_IS_LOCAL ? Optional.of(Path.of(location)) : Optional.empty();
            }
            return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri.getPath())) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(Path.of(location));
        }
    }

    /**
     * Whether paths without a scheme are local: the default file system Spark will use
     * ({@code spark.hadoop.fs.defaultFS} from spark-submit, else Hadoop's configuration files).
     */
    private static boolean defaultFileSystemIsLocal() {
        String configured = System.getProperty("spark.hadoop.fs.defaultFS");
        String defaultFs = configured != null ? configured : new Configuration().get("fs.defaultFS", "file:///");
        return defaultFs.startsWith("file:");
    }
}
