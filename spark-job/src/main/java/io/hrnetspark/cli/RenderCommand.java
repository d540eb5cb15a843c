package io.hrnetspark.cli;

import io.hrnetspark.job.output.StoredPredictions;
import io.hrnetspark.job.render.RenderJob;
import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark render}: skeletons and scores drawn on images. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draws predictions (skeletons and scores) on images as PNG.",
            "Draws annotate's predictions (box, skeleton, keypoints, score) on the first images by id and "
                + "writes them as PNG files named by image id."})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "DIR",
            description = "The predictions directory of an annotate run (OUT/predictions, or OUT).")
    String predictions;

    @Option(names = "--images", required = true, paramLabel = "ROOT", description = "The images root annotate read.")
    String images;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the PNG files.")
    String output;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Images to render (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "Skeleton to draw: coco (17 keypoints) or crowdpose (14); default: the one whose"
                    + " keypoint count the predictions have.")
    String dataset;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model to render when the predictions hold several.")
    String modelId;

    @Option(names = "--keypoint-threshold", defaultValue = "0.2", paramLabel = "T",
            description = "Keypoints with a lower score are not drawn (default ${DEFAULT-VALUE}).")
    double keypointThreshold;

    @Option(names = "--all-persons", description = "Also draw the persons OKS-NMS suppressed.")
    boolean allPersons;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]).")
    String master;

    @Override
    public Integer call() {
        if (dataset != null) {
            try {
                KeypointSpec.byName(dataset);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        }
        if (limit < 1) {
            throw new InvalidInputException("--limit must be at least 1, got " + limit + ".");
        }
        try (SparkSessionFactory.CommandSession spark = HrnetSparkCli.startSpark("hrnet-spark render", Optional.ofNullable(master))) {
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            Dataset<Row> rows = StoredPredictions.read(spark.session(), predictions, Optional.ofNullable(modelId));
            KeypointSpec skeleton = RenderJob.skeleton(rows, Optional.ofNullable(dataset), predictions);
            RenderJob.Result result = new RenderJob(storage, skeleton, keypointThreshold).run(rows,
                    storage.qualified(images), storage.qualified(output), limit, !allPersons);
            spec.commandLine().getOut().printf("Rendered %d images to %s%s%n", result.written().size(),
                    storage.qualified(output),
                    result.failed().isEmpty() ? "" : "; could not read " + String.join(", ", result.failed()));
        }
        return 0;
    }
}
