package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.eval.EvaluateJob;
import io.hrnetspark.job.eval.EvaluateOptions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark evaluate}: COCO / CrowdPose evaluation equal to the official evaluators. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores results against COCO-format ground truth exactly as pycocotools"
                + " (keypoints, segm, bbox) or the CrowdPose API do; per-image matching runs on"
                + " Spark executors. Prints the official summary."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json",
            description = "COCO-format ground-truth JSON.")
    private String gt;

    @Option(names = "--results", required = true, paramLabel = "RESULTS",
            description = "COCO results JSON, or an annotate run's output directory (its predictions table).")
    private String results;

    @Option(names = "--model-id", paramLabel = "ID",
            description = "The model to score when the predictions table holds several.")
    private String modelId;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "keypoints, segm or bbox.")
    private String type;

    @Option(names = "--dataset", defaultValue = "coco", paramLabel = "DATASET",
            description = "coco (default) or crowdpose.")
    private String dataset;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Writes DIR/metrics (Delta table, one row per metric) and DIR/metrics.json.")
    private String output;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Writes an HTML report to DIR: summary, precision-recall curves, per-keypoint"
                    + " errors and the worst images.")
    private String report;

    @Option(names = "--report-worst", defaultValue = "" + EvaluateOptions.DEFAULT_REPORT_WORST, paramLabel = "N",
            description = "Keypoints: the report lists the N images with the lowest mean OKS of their"
                    + " ground-truth people, missed people counting as 0 (default ${DEFAULT-VALUE}).")
    private int reportWorst;

    @Option(names = "--images", paramLabel = "ROOT",
            description = "Keypoints: images root (file:, hdfs:, s3a:, ...) the ground truth's file_name"
                    + " entries are relative to; the report then draws each worst image with ground truth"
                    + " and predictions side by side.")
    private String images;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit (default local[*]).")
    private String master;

    @Override
    public Integer call() {
        EvaluateOptions base = EvaluateOptions.of(gt, results, type, dataset, output, report, images, reportWorst);
        EvaluateOptions options = modelId == null ? base : base.forModel(modelId);
        try (SparkSessionFactory.CommandSession session =
                     SparkSessionFactory.start("hrnet-spark evaluate", Optional.ofNullable(master))) {
            EvaluateJob.run(session.session(), options, spec.commandLine().getOut());
        }
        return 0;
    }
}
