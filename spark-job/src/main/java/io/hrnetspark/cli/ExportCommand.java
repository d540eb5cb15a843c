package io.hrnetspark.cli;

import io.hrnetspark.job.export.CocoMaskResultsExport;
import io.hrnetspark.job.export.CocoResultsExport;
import io.hrnetspark.job.output.LocalPredictions;
import io.hrnetspark.job.output.StoredModelTable;
import io.hrnetspark.job.output.StoredPerson;
import io.hrnetspark.job.output.StoredPredictions;
import io.hrnetspark.job.output.StoredTable;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
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

/**
 * {@code hrnet-spark export}: predictions to a COCO keypoint results file, masks to a COCO segmentation
 * results file, or a table to plain files.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes predictions or masks as a COCO results file, or a table as plain files.",
            "--format coco (default) writes annotate's predictions as a COCO keypoint results file (the list "
                + "pycocotools' COCO.loadRes reads): one entry per person kept by OKS-NMS, as the official "
                + "evaluation writes.",
            "With --masks it writes the masks table (--table OUT/masks, or --predictions OUT) as a COCO "
                + "segmentation results file: image_id, category_id (the class index), segmentation (compressed "
                + "RLE) and score 1 per image and class.",
            "--format parquet or json writes the current rows of a table (--table) as plain Parquet or JSON "
                + "Lines files in a new directory, for tools that do not read Delta tables."})
public final class ExportCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format { coco, parquet, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", paramLabel = "DIR",
            description = "The output directory of an annotate run (or its predictions table).")
    String predictions;

    @Option(names = "--masks", description = "Write the masks table as a COCO segmentation results file; the"
            + " table is --table (OUT/masks, a model_id= folder in it, or plain Parquet) or --predictions OUT.")
    boolean masks;

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Results file to write (coco), or a new directory (parquet, json).")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "coco",
            description = "coco (default), parquet or json.")
    Format format;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "parquet and json: predictions (default), masks, errors, images or run; with --masks the"
                    + " masks table's location.")
    String table;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model to export when the predictions hold several.")
    String modelId;

    @Option(names = "--all-persons", description = "Also write the persons OKS-NMS suppressed.")
    boolean allPersons;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master of --format parquet or json and"
            + " of --masks (default local[*]); --format coco reads the predictions in this process, without Spark.")
    String master;

    @Override
    public Integer call() throws IOException {
        if (masks) {
            return masks();
        }
        if (predictions == null) {
            throw new InvalidInputException("export needs the output directory of an annotate run; give"
                    + " --predictions DIR (or --masks --table OUT/masks for masks).");
        }
        String table = this.table == null ? "predictions" : this.table;
        if (format != Format.coco && !List.of("predictions", "masks", "errors", "images", "run").contains(table)) {
            throw new InvalidInputException("--table " + table + " is not a table annotate writes; use predictions,"
                    + " masks, errors, images or run.");
        }
        if (format == Format.coco && !table.equals("predictions")) {
            throw new InvalidInputException("--format coco writes predictions, or masks with --masks; use --format"
                    + " parquet or json for the " + table + " table.");
        }
        if (format == Format.coco) {
            HadoopStorage storage = HadoopStorage.withoutSpark();
            Path target = storage.qualified(output);
            List<StoredPerson> persons = new ArrayList<>();
            LocalPredictions.read(storage, predictions, Optional.ofNullable(modelId), persons::add);
            long written;
            try (OutputStream out = storage.fileSystem(target).create(target, true)) {
                written = CocoResultsExport.write(persons, !allPersons, out);
            }
            spec.commandLine().getOut().printf("Wrote %d keypoint results to %s%n", written, target);
            return 0;
        }
        try (SparkSessionFactory.CommandSession spark = HrnetSparkCli.startSpark("hrnet-spark export", Optional.ofNullable(master))) {
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            Path target = storage.qualified(output);
            if (storage.exists(target)) {
                throw new InvalidInputException("--output " + output + " exists; give a new directory for the "
                        + format + " files.");
            }
            Dataset<Row> rows = table.equals("predictions")
                    ? StoredPredictions.read(spark.session(), predictions, Optional.ofNullable(modelId))
                    : table.equals("masks")
                    ? StoredModelTable.MASKS.read(spark.session(), predictions, Optional.ofNullable(modelId))
                    : StoredTable.read(spark.session(), predictions, table);
            DataFrameWriter<Row> writer = rows.write();
            if (format == Format.parquet) {
                writer.parquet(target.toString());
            } else {
                writer.json(target.toString());
            }
            spec.commandLine().getOut().printf("Wrote the %s table (%d rows) as %s files to %s%n", table,
                    spark.session().read().format(format.name()).load(target.toString()).count(), format, target);
        }
        return 0;
    }

    private int masks() throws IOException {
        if (format != Format.coco || allPersons || (table == null) == (predictions == null)) {
            throw new InvalidInputException(format != Format.coco || allPersons
                    ? "--masks writes a COCO segmentation results file; leave out --format and --all-persons (for"
                    + " plain files use --format parquet --table masks --predictions OUT)."
                    : "--masks reads one masks table; give either --table OUT/masks or --predictions OUT.");
        }
        String location = table != null ? table : predictions;
        try (SparkSessionFactory.CommandSession spark = HrnetSparkCli.startSpark("hrnet-spark export", Optional.ofNullable(master))) {
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            Path target = storage.qualified(output);
            Dataset<Row> rows = StoredModelTable.MASKS.read(spark.session(), location, Optional.ofNullable(modelId));
            long written;
            try (OutputStream out = storage.fileSystem(target).create(target, true)) {
                written = CocoMaskResultsExport.write(rows, location, out);
            }
            spec.commandLine().getOut().printf("Wrote %d segmentation results to %s%n", written, target);
        }
        return 0;
    }
}
