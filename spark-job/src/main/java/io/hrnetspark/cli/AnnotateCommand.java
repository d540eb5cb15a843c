package io.hrnetspark.cli;

import io.hrnetspark.job.annotate.AnnotateEvaluation;
import io.hrnetspark.job.annotate.AnnotateJob;
import io.hrnetspark.job.annotate.AnnotateOptions;
import io.hrnetspark.job.annotate.AnnotateResult;
import io.hrnetspark.job.annotate.RunSummary;
import io.hrnetspark.job.inference.PredictorFactory;
import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.model.net.Precision;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark annotate}: keypoints or masks for a whole dataset, to Delta tables. */
@Command(name = "annotate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Keypoints or masks for a whole dataset on Spark, to Delta tables.",
            "The head follows the config's MODEL.NAME: pose_hrnet (top-down, in person boxes), pose_higher_hrnet",
            "(bottom-up, every person of each image) or seg_hrnet (segmentation). Commits, in chunks, the Delta",
            "tables OUT/predictions (one row per person) or OUT/masks (one row per image and class present),",
            "OUT/errors (one row per failed input), OUT/images (one row per image: its outcome) and OUT/run (one row",
            "per run). Images already done for the same model are skipped unless --overwrite; a crashed or",
            "concurrent run never doubles or loses a row."})
public final class AnnotateCommand implements Callable<Integer> {

    private final PredictorFactory factory;

    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "ROOT",
            description = "Images root (file:, hdfs:, s3a:, ...); paths in the JSON files are relative to it.")
    String images;

    @Option(names = "--annotations", paramLabel = "GT.json",
            description = "COCO (or CrowdPose) annotation file: the images and their ground-truth person boxes;"
                    + " without it, bottom-up and segmentation take every image under ROOT whose name ends with its id.")
    String annotations;

    @Option(names = "--boxes", paramLabel = "gt|gt-all|DETECTIONS.json",
            description = "Person boxes (top-down only): gt (the annotation file's non-crowd people with a labelled"
                    + " keypoint, as the official test; default), gt-all (every non-crowd person box, e.g. a file of"
                    + " boxes without keypoints) or a COCO detection results file; with detections and no"
                    + " --annotations, every image under ROOT whose name ends with its id.")
    String boxes;

    @Option(names = "--box-score-threshold", paramLabel = "S",
            description = "Minimum detection score (default: the config's TEST.IMAGE_THRE).")
    Double boxScoreThreshold;

    @Option(names = "--config", required = true, paramLabel = "C.yaml", description = "Official experiment YAML.")
    String config;

    @Option(names = "--weights", paramLabel = "W.pth", description = "Official checkpoint.")
    String weights;

    @Option(names = "--random-weights",
            description = "Run untrained random weights when there is no checkpoint (keypoints are meaningless).")
    boolean randomWeights;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "Output directory.")
    String output;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + AnnotateOptions.DEFAULT_BATCH_SIZE,
            description = "Network samples per forward pass: crops (and their mirror images with the flip test),"
                    + " or whole images, scales and windows of one size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--flip", negatable = true, description = "Flip test (default: the config's TEST.FLIP_TEST).")
    Boolean flip;

    @Option(names = "--partitions", paramLabel = "N", description = "Spark partitions (default: from the work).")
    Integer partitions;

    @Option(names = "--model-id", paramLabel = "ID",
            description = "Model id written with every row (default: config name and weights checksum).")
    String modelId;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--overwrite", description = "Redo images the output already has for this model.")
    boolean overwrite;

    @Option(names = "--commit-every", paramLabel = "N",
            description = "Commit results every N images (default: chunks of a few minutes of work); a crash "
                    + "loses at most the chunk in flight.")
    Integer commitEvery;

    @Option(names = "--retry-errors",
            description = "Also redo images that failed to decode although their file did not change since.")
    boolean retryErrors;

    @Option(names = "--max-image-pixels", paramLabel = "N",
            defaultValue = "" + AnnotateOptions.DEFAULT_MAX_IMAGE_PIXELS,
            description = "Refuse images declaring more pixels than N, before decoding them (default ${DEFAULT-VALUE}).")
    long maxImagePixels;

    @Option(names = "--precision", paramLabel = "fp32|bf16", defaultValue = "fp32", converter = PrecisionOption.class,
            description = "Arithmetic of the network's convolutions: fp32 (default) or bf16 (CPUs with avx512_bf16"
                    + " or amx_bf16); decoding stays fp32.")
    Precision precision;

    @Option(names = "--evaluate", description = {"Score the model's predictions against the annotation file's"
            + " keypoints (COCO or CrowdPose keypoint evaluation, from the config's dataset; pose heads): prints the"
            + " official summary, writes OUT/evaluation."})
    boolean evaluate;

    @Option(names = "--label-pngs", description = {"Segmentation: also write each label map as an 8-bit palette PNG"
            + " (pixel values are class indices) under OUT/labels, at the image's relative path with .png."})
    boolean labelPngs;

    public AnnotateCommand(PredictorFactory factory) {
        this.factory = factory;
    }

    /** The options as a checked record; every problem is reported before Spark starts. */
    AnnotateOptions options() {
        return new AnnotateOptions(images, Optional.ofNullable(annotations), Optional.ofNullable(boxes),
                Optional.ofNullable(boxScoreThreshold), config, Optional.ofNullable(weights), randomWeights, output,
                batchSize, Optional.ofNullable(master), overwrite, Optional.ofNullable(flip),
                Optional.ofNullable(partitions), Optional.ofNullable(modelId), evaluate,
                Optional.ofNullable(commitEvery), retryErrors, maxImagePixels, precision, labelPngs);
    }

    @Override
    public Integer call() {
        AnnotateOptions options = options();
        try (SparkSessionFactory.CommandSession spark = HrnetSparkCli.startSpark("hrnet-spark annotate", options.master())) {
            AnnotateResult result = new AnnotateJob(spark.session(), factory).run(options);
            spec.commandLine().getOut().print(RunSummary.of(result));
            spec.commandLine().getOut().flush();
            if (options.evaluate()) {
                AnnotateEvaluation.run(spark.session(), options, result, result.model().dataset(),
                        spec.commandLine().getOut());
            }
        }
        return 0;
    }
}
