package io.hrnetspark.cli;

import io.hrnetspark.job.SparkSessionFactory;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.job.table.TableMaintenance;
import io.hrnetspark.model.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hrnet-spark maintain}: compacts and vacuums the Delta tables of an output directory. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Compacts and vacuums the Delta tables of an output directory.",
            "Chunked commits leave many small files: OPTIMIZE rewrites them into few large ones, then VACUUM",
            "deletes files no table version within the retention needs (and files of commits a killed run",
            "never finished). Safe while no run writes to the directory."})
public final class MaintainCommand implements Callable<Integer> {

    /** The tables annotate and evaluate write under an output directory. */
    private static final List<String> TABLES = List.of("predictions", "errors", "images", "masks", "run", "metrics",
            "evaluation/metrics");

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "OUT",
            description = "The output directory of annotate runs (or of evaluate --output).")
    String output;

    @Option(names = "--retain-hours", paramLabel = "H", defaultValue = "" + TableMaintenance.DEFAULT_RETAIN_HOURS,
            description = "Keep the files of versions younger than H hours (default ${DEFAULT-VALUE}, Delta's own).")
    int retainHours;

    @Option(names = "--no-compact", negatable = true, defaultValue = "true",
            description = "Skip the compaction; only vacuum.")
    boolean compact;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]).")
    String master;

    @Override
    public Integer call() {
        if (retainHours < 0) {
            throw new InvalidInputException("--retain-hours must be 0 or more, got " + retainHours + ".");
        }
        try (SparkSessionFactory.CommandSession spark =
                     HrnetSparkCli.startSpark("hrnet-spark maintain", Optional.ofNullable(master))) {
            HadoopStorage storage = new HadoopStorage(spark.session().sparkContext().hadoopConfiguration());
            Path root = storage.qualified(output);
            DeltaTables delta = new DeltaTables(spark.session());
            List<String> tables = TABLES.stream().filter(t -> delta.exists(new Path(root, t).toString())).toList();
            if (tables.isEmpty()) {
                throw new InvalidInputException("--output " + output + " holds no Delta table; give the output"
                        + " directory of annotate or evaluate runs.");
            }
            TableMaintenance maintenance = new TableMaintenance(spark.session());
            for (String table : tables) {
                spec.commandLine().getOut().println(
                        maintenance.run(new Path(root, table).toString(), table, compact, retainHours).line());
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
