package io.hrnetspark.cli;

import io.hrnetspark.job.export.CocoResultsExport;
import io.hrnetspark.job.output.StoredPredictions;
import io.hrnetspark.job.output.StoredTable;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark export}: predictions to a COCO keypoint results file, or a table to plain files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes predictions as a COCO keypoint results file, or a table as plain files.",
            "--format coco (default) writes annotate's predictions as a COCO keypoint results file (the list",
            "pycocotools' COCO.loadRes reads): one entry per person kept by OKS-NMS, as the official evaluation",
            "writes. --format parquet or json writes the current rows of a table (--table) as plain Parquet or",
            "JSON Lines files in a new directory, for tools that do not read Delta tables."})
public final class ExportCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format { coco, parquet, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "DIR",
            description = "The output directory of an annotate run (or its predictions table).")
    String predictions;

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Results file to write (coco), or a new directory (parquet, json).")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "coco",
            description = "coco (default), parquet or json.")
    Format format;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "predictions",
            description = "parquet and json: predictions (default), errors, images or run.")
    String table;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model to export when the predictions hold several.")
    String modelId;

    @Option(names = "--all-persons", description = "Also write the persons OKS-NMS suppressed.")
    boolean allPersons;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]).")
    String master;

    @Override
    public Integer call() throws IOException {
        if (format != Format.coco && !List.of("predictions", "errors", "images", "run").contains(table)) {
            throw new InvalidInputException("--table " + table + " is not a table annotate writes; use predictions,"
                    + " errors, images or run.");
        }
        if (format == Format.coco && !table.equals("predictions")) {
            throw new InvalidInputException("--format coco writes predictions only; use --format parquet or json for"
                    + " the " + table + " table.");
        }
        try (SparkSessionFactory.CommandSession spark = SparkSessionFactory.start("hrnet-spark export", Optional.ofNullable(master))) {
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            Path target = storage.qualified(output);
            if (format != Format.coco) {
                if (storage.exists(target)) {
                    throw new InvalidInputException("--output " + output + " exists; give a new directory for the "
                            + format + " files.");
                }
                Dataset<Row> rows = table.equals("predictions")
                        ? StoredPredictions.read(spark.session(), predictions, Optional.ofNullable(modelId))
                        : StoredTable.read(spark.session(), predictions, table);
                DataFrameWriter<Row> writer = rows.write();
                if (format == Format.parquet) {
                    writer.parquet(target.toString());
                } else {
                    writer.json(target.toString());
                }
                spec.commandLine().getOut().printf("Wrote the %s table (%d rows) as %s files to %s%n", table,
                        spark.session().read().format(format.name()).load(target.toString()).count(), format, target);
                return 0;
            }
            Dataset<Row> rows = StoredPredictions.read(spark.session(), predictions, Optional.ofNullable(modelId));
            long written;
            try (OutputStream out = storage.fileSystem(target).create(target, true)) {
                written = CocoResultsExport.write(rows, !allPersons, out);
            }
            spec.commandLine().getOut().printf("Wrote %d keypoint results to %s%n", written, target);
        }
        return 0;
    }
}
