package io.hrnetspark.cli;

import io.hrnetspark.job.export.CocoResultsExport;
import io.hrnetspark.job.output.StoredPredictions;
import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark export}: predictions to a COCO keypoint results file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes predictions as a COCO keypoint results file.",
            "Writes annotate's predictions as a COCO keypoint results file (the list pycocotools'",
            "COCO.loadRes reads): one entry per person kept by OKS-NMS, as the official evaluation writes."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "DIR",
            description = "The predictions directory of an annotate run (OUT/predictions, or OUT).")
    String predictions;

    @Option(names = "--output", required = true, paramLabel = "RESULTS.json", description = "Results file to write.")
    String output;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model to export when the predictions hold several.")
    String modelId;

    @Option(names = "--all-persons", description = "Also write the persons OKS-NMS suppressed.")
    boolean allPersons;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]).")
    String master;

    @Override
    public Integer call() throws IOException {
        try (SparkSessionFactory.CommandSession spark = SparkSessionFactory.start("hrnet-spark export", Optional.ofNullable(master))) {
            Dataset<Row> rows = StoredPredictions.read(spark.session(), predictions, Optional.ofNullable(modelId));
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            Path target = storage.qualified(output);
            long written;
            try (OutputStream out = storage.fileSystem(target).create(target, true)) {
                written = CocoResultsExport.write(rows, !allPersons, out);
            }
            spec.commandLine().getOut().printf("Wrote %d keypoint results to %s%n", written, target);
        }
        return 0;
    }
}
