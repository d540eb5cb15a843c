package io.hrnetspark.job.annotate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.hrnetspark.job.inference.ModelSettings;
import io.hrnetspark.job.inference.ModelSpec;
import io.hrnetspark.job.inference.PoseModelFactory;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.Manifest;
import io.hrnetspark.job.manifest.ManifestReader;
import io.hrnetspark.job.manifest.WorkBalancer;
import io.hrnetspark.job.output.ErrorsTable;
import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.output.RunCounts;
import io.hrnetspark.job.output.RunRecord;
import io.hrnetspark.job.output.RunTable;
import io.hrnetspark.job.output.RunTimings;
import io.hrnetspark.job.output.StagingTable;
import io.hrnetspark.job.progress.ProgressReporter;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The annotate job on the driver: reads config, weights and manifest (every user error surfaces
 * here, before any Spark work), skips images the output already has, balances partitions by work,
 * broadcasts the model once, runs partition inference into a staging dataset, then cuts the
 * {@code predictions} and {@code errors} tables from it and appends the {@code run} row.
 *
 * <p>A retried task never duplicates rows: each dataset is written by one Spark job whose file
 * commit protocol publishes only the output of the task attempts that succeeded.
 */
public final class AnnotateJob {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotateJob.class);
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Rows per output file of the final tables (about 100 MB of predictions). */
    private static final long ROWS_PER_FILE = 500_000;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final SparkSession spark;
    private final PoseModelFactory factory;

    public AnnotateJob(SparkSession spark, PoseModelFactory factory) {
        this.spark = spark;
        this.factory = factory;
    }

    public AnnotateResult run(AnnotateOptions options) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String runId = RUN_TIME.format(started) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopStorage storage = new HadoopStorage(jsc.hadoopConfiguration());

        RunModel model = RunModel.load(storage, factory, options);
        ModelSettings settings = model.settings();
        String modelId = model.modelId();
        boolean flip = model.flipTest();

        BoxSource boxSource = options.boxSource(settings.imageThreshold());
        Path imagesRoot = storage.qualified(options.images());
        Manifest manifest = new ManifestReader(storage).read(imagesRoot, options.annotations(), boxSource);
        OutputLayout layout = new OutputLayout(storage.qualified(options.output()));
        Set<Long> done = options.overwrite() ? Set.of() : alreadyDone(storage, layout, modelId);
        List<ImageTask> todo = manifest.tasks().stream().filter(t -> !done.contains(t.imageId())).toList();
        long boxes = todo.stream().mapToLong(ImageTask::work).sum();
        int partitions = WorkBalancer.partitionCount(boxes, todo.size(), jsc.defaultParallelism(),
                options.partitions().orElse(null));
        LOG.info("Run {} of model {}: {} images with {} person boxes to annotate ({} listed, {} already done, "
                        + "{} without boxes) in {} partitions, batch size {}, flip test {}",
                runId, modelId, todo.size(), boxes, manifest.imagesListed(), manifest.tasks().size() - todo.size(),
                manifest.imagesWithoutBoxes(), partitions, options.batchSize(), flip);
        double manifestSeconds = seconds(t0);

        long t1 = System.nanoTime();
        deleteIfExists(storage, layout.stagingRoot());
        Path staging = layout.staging(runId);
        CollectionAccumulator<String> devices = jsc.sc().collectionAccumulator("hrnet devices");
        if (!todo.isEmpty()) {
            Broadcast<ModelSpec> specBroadcast = jsc.broadcast(model.spec());
            Broadcast<SerializableConfiguration> hadoopConf =
                    jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
            LongAccumulator imagesDone = jsc.sc().longAccumulator("hrnet images done");
            LongAccumulator cropsDone = jsc.sc().longAccumulator("hrnet crops done");
            PartitionAnnotator annotator = new PartitionAnnotator(
                    new PartitionAnnotator.Settings(model.key(), imagesRoot.toString(), options.batchSize(), runId, modelId),
                    specBroadcast, hadoopConf, factory, imagesDone, cropsDone, devices);
            List<List<ImageTask>> bins = WorkBalancer.balance(todo, partitions);
            JavaRDD<Row> rows = jsc.parallelize(bins, partitions).flatMap(List::iterator).mapPartitions(annotator);
            jsc.setJobDescription("hrnet-spark annotate " + runId + ": " + todo.size() + " images");
            try (ProgressReporter progress = new ProgressReporter(jsc.sc(), imagesDone, cropsDone, todo.size(),
                    "annotate").start(PROGRESS_INTERVAL)) {
                spark.createDataFrame(rows, StagingTable.SCHEMA).write().mode(SaveMode.Overwrite)
                        .parquet(staging.toString());
            } finally {
                jsc.setJobDescription(null);
                specBroadcast.unpersist();
                hadoopConf.unpersist();
            }
        }
        double inferenceSeconds = seconds(t1);

        long t2 = System.nanoTime();
        StagedCounts staged = todo.isEmpty() ? StagedCounts.NONE
                : publish(storage, layout, staging, modelId, options.overwrite());
        deleteIfExists(storage, layout.stagingRoot());
        double writeSeconds = seconds(t2);

        RunCounts counts = new RunCounts(manifest.imagesListed(), manifest.imagesWithoutBoxes(),
                manifest.tasks().size() - todo.size(), staged.imagesAnnotated(),
                todo.size() - staged.imagesAnnotated(), boxes, manifest.boxesSkipped(),
                manifest.detectionsWithoutImage(), staged.persons(), staged.personsKept(), staged.errorRows());
        BoxSource.Detections detections = boxSource instanceof BoxSource.Detections d ? d : null;
        RunRecord record = new RunRecord(runId, modelId, started, Instant.now(), spark.sparkContext().master(),
                imagesRoot.toString(), options.annotations().orElse(null),
                detections == null ? "gt" : "detections", detections == null ? null : detections.path(),
                detections == null ? null : detections.scoreThreshold(), options.config(), model.spec().configYaml(),
                options.weights().orElse(null), model.weightsSha256(), model.spec().randomWeights(), flip,
                settings.inVisThreshold(),
                settings.oksThreshold(), options.batchSize(), partitions, options.overwrite(), version(),
                spark.version(), System.getProperty("java.version"), List.copyOf(new TreeSet<>(devices.value())),
                counts, new RunTimings(manifestSeconds, inferenceSeconds, writeSeconds, seconds(t0)));
        spark.createDataFrame(List.of(RunTable.row(record)), RunTable.SCHEMA).coalesce(1).write()
                .mode(SaveMode.Append).parquet(layout.runs().toString());
        return new AnnotateResult(record, layout);
    }

    private record StagedCounts(long persons, long personsKept, long errorRows, long imagesAnnotated) {
        static final StagedCounts NONE = new StagedCounts(0, 0, 0, 0);
    }

    /** Cuts predictions and errors from the staging dataset into the output tables. */
    private StagedCounts publish(HadoopStorage storage, OutputLayout layout, Path staging, String modelId,
                                 boolean overwrite) {
        Dataset<Row> staged = spark.read().schema(StagingTable.SCHEMA).parquet(staging.toString());
        Row totals = staged.agg(
                count(col(StagingTable.PREDICTION)),
                sum(when(col(StagingTable.PREDICTION + ".nms_kept"), 1L).otherwise(0L)),
                count(col(StagingTable.ERROR)),
                countDistinct(col(StagingTable.PREDICTION + ".image_id"))).head();
        StagedCounts counts = new StagedCounts(totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1),
                totals.getLong(2), totals.getLong(3));
        Dataset<Row> predictions = staged.where(col(StagingTable.PREDICTION).isNotNull())
                .select(StagingTable.PREDICTION + ".*");
        Dataset<Row> errors = staged.where(col(StagingTable.ERROR).isNotNull()).select(StagingTable.ERROR + ".*");
        writeTable(storage, predictions, counts.persons(), layout.predictions(), modelId, overwrite);
        writeTable(storage, errors, counts.errorRows(), layout.errors(), modelId, overwrite);
        return counts;
    }

    /**
     * Appends a run's rows to a table partitioned by model id, in files of about {@link #ROWS_PER_FILE}
     * rows ranged by image id. With overwrite, the run's rows replace the model's partition.
     */
    private static void writeTable(HadoopStorage storage, Dataset<Row> rows, long count, Path table, String modelId,
                                   boolean overwrite) {
        if (count == 0) {
            if (overwrite) {
                deleteIfExists(storage, OutputLayout.modelPartition(table, modelId));
            }
            return;
        }
        int files = (int) Math.max(1, (count + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
        rows.repartitionByRange(files, col("image_id"))
                .sortWithinPartitions(col("image_id"), col("person_index"))
                .write()
                .mode(overwrite ? SaveMode.Overwrite : SaveMode.Append)
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy(OutputLayout.MODEL_ID)
                .parquet(table.toString());
    }

    /** Image ids the output already has (in predictions or errors) for this model. */
    private Set<Long> alreadyDone(HadoopStorage storage, OutputLayout layout, String modelId) {
        Set<Long> done = new HashSet<>();
        readImageIds(storage, layout.predictions(), PredictionsTable.SCHEMA, modelId, done);
        readImageIds(storage, layout.errors(), ErrorsTable.SCHEMA, modelId, done);
        return done;
    }

    private void readImageIds(HadoopStorage storage, Path table, StructType schema, String modelId, Set<Long> into) {
        if (!storage.exists(OutputLayout.modelPartition(table, modelId))) {
            return;
        }
        spark.read().schema(schema).parquet(table.toString())
                .where(col(OutputLayout.MODEL_ID).equalTo(modelId))
                .select("image_id").distinct()
                .toLocalIterator()
                .forEachRemaining(row -> into.add(row.getLong(0)));
    }

    private static void deleteIfExists(HadoopStorage storage, Path path) {
        try {
            storage.fileSystem(path).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String version() {
        String version = AnnotateJob.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
