package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.eval.EvaluateJob;
import io.hrnetspark.job.eval.EvaluateOptions;
import io.hrnetspark.job.eval.MetricsWriter;
import io.hrnetspark.job.eval.MiouJob;
import io.hrnetspark.job.eval.MiouOptions;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
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
                + " Spark executors (in this process for local runs). Prints the official summary.",
            "--type miou scores the masks table of a segmentation annotate run against ground-truth label"
                + " PNGs (--gt-labels) with the official HRNet-Semantic-Segmentation confusion matrix."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--gt", paramLabel = "GT.json",
            description = "COCO-format ground-truth JSON (keypoints, segm, bbox).")
    private String gt;

    @Option(names = "--results", required = true, paramLabel = "RESULTS",
            description = "COCO results JSON, or an annotate run's output directory (its predictions table;"
                    + " for miou its masks table).")
    private String results;

    @Option(names = "--model-id", paramLabel = "ID",
            description = "The model to score when the predictions table holds several.")
    private String modelId;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "keypoints, segm, bbox or miou.")
    private String type;

    @Option(names = "--gt-labels", paramLabel = "ROOT",
            description = "miou: root of the ground-truth label PNGs (file:, hdfs:, s3a:, ...); each image's"
                    + " label file lies where the label map's naming puts it.")
    private String gtLabels;

    @Option(names = "--label-map", paramLabel = "MAP",
            description = "miou: cityscapes (default: label ids mapped to the 19 train ids, 255 ignored), lip"
                    + " (20 labels as stored) or identity (class indices as stored, with --num-classes).")
    private String labelMap;

    @Option(names = "--num-classes", paramLabel = "N",
            description = "miou with --label-map identity: the classes the model predicts.")
    private Integer numClasses;

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
        if (type.equalsIgnoreCase("miou")) {
            return miou();
        }
        if (gt == null || gtLabels != null || labelMap != null || numClasses != null) {
            throw new InvalidInputException(gt == null ? "--type " + type + " scores against COCO-format ground"
                    + " truth; give it with --gt GT.json." : "--gt-labels, --label-map and --num-classes are for"
                    + " --type miou; leave them out for --type " + type + ".");
        }
        EvaluateOptions base = EvaluateOptions.of(gt, results, type, dataset, output, report, images, reportWorst);
        EvaluateOptions options = modelId == null ? base : base.forModel(modelId);
        if (SparkSessionFactory.wouldStartEmbeddedLocal(Optional.ofNullable(master))) {
            HadoopStorage storage = HadoopStorage.withoutSpark();
            if (EvaluateJob.runLocally(storage, options, spec.commandLine().getOut(), (dir, summary, scope) -> {
                try (SparkSessionFactory.CommandSession session = startSpark()) {
                    MetricsWriter.writeTable(session.session(), storage, dir, summary, scope);
                }
            }).isPresent()) {
                return 0;
            }
        }
        try (SparkSessionFactory.CommandSession session = startSpark()) {
            EvaluateJob.run(session.session(), options, spec.commandLine().getOut());
        }
        return 0;
    }

    private SparkSessionFactory.CommandSession startSpark() {
        return HrnetSparkCli.startSpark("hrnet-spark evaluate", Optional.ofNullable(master));
    }

    private int miou() {
        if (gt != null || report != null || images != null || !dataset.equals("coco")) {
            throw new InvalidInputException("--type miou reads its ground truth from --gt-labels and writes no"
                    + " report; leave out --gt, --dataset, --report and --images.");
        }
        MiouOptions options = MiouOptions.of(results, gtLabels, labelMap == null ? "cityscapes" : labelMap,
                numClasses, output, modelId);
        try (SparkSessionFactory.CommandSession session = startSpark()) {
            MiouJob.run(session.session(), options, spec.commandLine().getOut());
        }
        return 0;
    }
}
