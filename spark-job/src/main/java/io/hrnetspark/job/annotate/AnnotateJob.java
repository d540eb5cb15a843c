package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.ModelSettings;
import io.hrnetspark.job.inference.ModelSpec;
import io.hrnetspark.job.inference.AnnotationHead;
import io.hrnetspark.job.inference.PredictorFactory;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.Manifest;
import io.hrnetspark.job.manifest.ManifestReader;
import io.hrnetspark.job.output.AnnotateTables;
import io.hrnetspark.job.output.ChunkCommit;
import io.hrnetspark.job.output.ChunkCommitter;
import io.hrnetspark.job.output.CommitListener;
import io.hrnetspark.job.output.DoneImages;
import io.hrnetspark.job.output.ImageScope;
import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.RunCounts;
import io.hrnetspark.job.output.RunLease;
import io.hrnetspark.job.output.RunRecord;
import io.hrnetspark.job.output.RunSettings;
import io.hrnetspark.job.output.RunTable;
import io.hrnetspark.job.output.RunTimings;
import io.hrnetspark.job.progress.ProgressReporter;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.model.net.CpuIsa;
import io.hrnetspark.model.net.Precision;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The annotate job on the driver: reads config, weights and manifest (every user error surfaces here,
 * before any Spark work), finds the images not yet done by a join against the committed
 * {@code images} table, then runs them in chunks: each chunk's inference is staged by one Spark job
 * and committed to the Delta tables ({@link ChunkCommitter}) while the next chunk runs. A crash loses
 * at most the chunks not yet committed; the next run continues from there.
 */
public final class AnnotateJob {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotateJob.class);
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final SparkSession spark;
    private final PredictorFactory factory;
    private final CommitListener listener;

    public AnnotateJob(SparkSession spark, PredictorFactory factory) {
        this(spark, factory, CommitListener.NONE);
    }

    public AnnotateJob(SparkSession spark, PredictorFactory factory, CommitListener listener) {
        this.spark = spark;
        this.factory = factory;
        this.listener = listener;
    }

    public AnnotateResult run(AnnotateOptions options) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String runId = RUN_TIME.format(started) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopStorage storage = new HadoopStorage(jsc.hadoopConfiguration());

        RunModel model = RunModel.load(storage, factory, options);
        AnnotationHead head = model.settings().head();
        options.requireFits(head);
        if (options.precision() == Precision.BF16 && spark.sparkContext().isLocal()) {
            CpuIsa.detect().requireBf16();
        }
        BoxSource boxSource = head.takesBoxes() ? options.boxSource(model.settings().imageThreshold()) : null;
        Path imagesRoot = storage.qualified(options.images());
        OutputLayout layout = new OutputLayout(storage.qualified(options.output()));
        AnnotateTables tables = AnnotateTables.of(layout, !head.writesKeypoints());
        DeltaTables delta = new DeltaTables(spark);
        RunSettings settings = settings(runId, started, options, model, boxSource, imagesRoot);

        ChunkCommitter committer = new ChunkCommitter(spark, delta, tables, runId, listener);
        try (RunLease lease = RunLease.acquire(storage, layout, runId);
             PipelinedCommits commits = new PipelinedCommits(spark.sparkContext(), committer, storage)) {
            // A JVM's first Delta transaction costs seconds: it runs while the manifest is read.
            Future<?> tablesReady = commits.run(committer::createTables);
            ManifestReader reader = new ManifestReader(spark, storage);
            Path manifestStaging = new Path(layout.staging(runId), "manifest");
            Manifest manifest = head.takesBoxes()
                    ? reader.read(imagesRoot, options.annotations(), boxSource, manifestStaging)
                    : reader.readImages(imagesRoot, options.annotations(), manifestStaging);
            if (!head.takesBoxes() && manifest.imagesWithoutBoxes() > 0) {
                LOG.warn("{} image files under {} have no number ending their name, which would be their image id;"
                        + " they were left out (list them in a COCO annotation file to include them)",
                        manifest.imagesWithoutBoxes(), imagesRoot);
            }
            RunProgress progress = new RunProgress(settings, manifest);
            PipelinedCommits.await(tablesReady);
            Dataset<Row> running = runRow(progress.record(RunRecord.RUNNING, null, seconds(t0)));
            commits.run(() -> commitRun(delta, tables, runId, running, "start"));
            try {
                annotate(options, model, manifest, layout, tables, imagesRoot, progress, commits, t0);
            } catch (RuntimeException e) {
                recordFailure(delta, tables, progress, commits, t0, e);
                throw e;
            }
            RunRecord finished = progress.record(RunRecord.SUCCEEDED, Instant.now(), seconds(t0));
            commitRun(delta, tables, runId, runRow(finished), "end");
            return new AnnotateResult(finished, layout, model.settings());
        }
    }

    private void annotate(AnnotateOptions options, RunModel model, Manifest manifest, OutputLayout layout,
                          AnnotateTables tables, Path imagesRoot, RunProgress progress, PipelinedCommits commits,
                          long t0) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String runId = progress.settings().runId();
        String modelId = model.modelId();
        Broadcast<SerializableConfiguration> hadoopConf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        Broadcast<ModelSpec> spec = jsc.broadcast(model.spec());
        try {
            DoneImages done = new DoneImages(spark, tables, hadoopConf, imagesRoot.toString());
            Dataset<Row> doneIds = options.overwrite() ? done.none()
                    : done.of(modelId, options.retryErrors(), Optional.empty());
            WorkPlan plan = WorkPlan.of(spark, manifest.tasks(), manifest.taskCount(), doneIds,
                    new Path(layout.staging(runId), "todo"));
            progress.planned(plan.images());
            ModelSettings settings = model.settings();
            LOG.info("Run {} of {} model {}: {} images with {} person boxes to annotate ({} listed, {} already done, "
                            + "{} without boxes), batch size {} samples, flip test {}",
                    runId, settings.head(), modelId, plan.images(), plan.boxes(), manifest.imagesListed(),
                    manifest.taskCount() - plan.images(), manifest.imagesWithoutBoxes(), options.batchSize(),
                    model.flipTest());
            progress.phaseDone(RunProgress.Phase.MANIFEST, seconds(t0));

            LongAccumulator imagesDone = jsc.sc().longAccumulator("hrnet images done");
            LongAccumulator cropsDone = jsc.sc().longAccumulator("hrnet samples done");
            CollectionAccumulator<String> devices = jsc.sc().collectionAccumulator("hrnet devices");
            PartitionAnnotator annotator = new PartitionAnnotator(
                    new PartitionAnnotator.Settings(model.key(), settings.head(), settings.dataset(),
                            imagesRoot.toString(), options.batchSize(), runId, modelId, options.maxImagePixels(),
                            options.labelPngs() ? layout.labels().toString() : null),
                    spec, hadoopConf, factory, imagesDone, cropsDone, devices);
            ChunkInference inference = new ChunkInference(spark, annotator);
            ChunkSizes sizes = new ChunkSizes(options.commitEvery().orElse(null), jsc.defaultParallelism());
            try (ProgressReporter reporter = new ProgressReporter(jsc.sc(), imagesDone, cropsDone, plan.images(),
                         commits::imagesCommitted, "annotate").start(PROGRESS_INTERVAL)) {
                long position = 0;
                int chunk = 0;
                while (position < plan.images()) {
                    int size = sizes.next(plan.images() - position);
                    List<ImageTask> tasks = plan.range(position, position + size);
                    position += size;
                    chunk++;
                    if (!options.overwrite() && chunk > 1) { // the first chunk's images were planned just now
                        tasks = withoutCommittedMeanwhile(done, modelId, options.retryErrors(), tasks, chunk, progress);
                    }
                    if (tasks.isEmpty()) {
                        continue;
                    }
                    long t = System.nanoTime();
                    Path staged = layout.stagedChunk(runId, chunk);
                    progress.inferred(tasks, inference.run(runId, chunk, tasks, staged,
                            options.partitions().orElse(sizes.partitions(tasks.size()))));
                    sizes.measured(tasks.size(), seconds(t));
                    progress.addCommits(commits.submit(chunk, staged, new ImageScope(modelId, imageIds(tasks)),
                            tasks.size()));
                }
                progress.phaseDone(RunProgress.Phase.INFERENCE, seconds(t0));
                progress.addCommits(commits.awaitAll());
                progress.devices(new TreeSet<>(devices.value()));
            }
            progress.phaseDone(RunProgress.Phase.WRITE, seconds(t0));
        } finally {
            spec.unpersist();
            hadoopConf.unpersist();
        }
    }

    /** The chunk's items minus images another run committed since the plan was made. */
    private static List<ImageTask> withoutCommittedMeanwhile(DoneImages done, String modelId, boolean retryErrors,
                                                             List<ImageTask> tasks, int chunk, RunProgress progress) {
        ImageScope scope = new ImageScope(modelId, imageIds(tasks));
        Set<Long> committed = new HashSet<>();
        done.of(modelId, retryErrors, Optional.of(scope)).collectAsList().forEach(row -> committed.add(row.getLong(0)));
        if (committed.isEmpty()) {
            return tasks;
        }
        LOG.info("Chunk {}: {} of its {} images were committed meanwhile by another run; skipping them",
                chunk, committed.size(), tasks.size());
        progress.alreadyDone(committed.size());
        return tasks.stream().filter(t -> !committed.contains(t.imageId())).toList();
    }

    /** Records the failed run once the commit thread is idle, so that its start record cannot come after. */
    private void recordFailure(DeltaTables delta, AnnotateTables tables, RunProgress progress, PipelinedCommits commits,
                               long t0, RuntimeException failure) {
        try {
            commits.awaitAll();
        } catch (RuntimeException e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
        try {
            commitRun(delta, tables, progress.settings().runId(),
                    runRow(progress.record(RunRecord.FAILED, Instant.now(), seconds(t0))), "failed");
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Replaces the run's row: an overwrite of its own rows only, which (unlike a keyed merge) leaves the files of
     * other runs alone.
     */
    private static void commitRun(DeltaTables delta, AnnotateTables tables, String runId, Dataset<Row> row,
                                  String step) {
        delta.replace(tables.runs(), row, 1, RunTable.scope(runId), "hrnet-spark annotate run " + runId + " " + step);
    }

    private Dataset<Row> runRow(RunRecord record) {
        return spark.createDataFrame(List.of(RunTable.row(record)), RunTable.SCHEMA);
    }

    private RunSettings settings(String runId, Instant started, AnnotateOptions options, RunModel model,
                                 BoxSource boxSource, Path imagesRoot) {
        BoxSource.Detections detections = boxSource instanceof BoxSource.Detections d ? d : null;
        ModelSettings settings = model.settings();
        String boxes = boxSource == null ? "none" : detections == null ? boxSource.describe() : "detections";
        return new RunSettings(runId, model.modelId(), started, spark.sparkContext().master(), imagesRoot.toString(),
                options.annotations().orElse(null), boxes,
                detections == null ? null : detections.path(), detections == null ? null : detections.scoreThreshold(),
                options.config(), model.spec().configYaml(), options.weights().orElse(null), model.weightsSha256(),
                model.spec().randomWeights(), model.flipTest(), settings.head().displayName(), settings.inVisThreshold(), settings.oksThreshold(),
                options.batchSize(), options.overwrite(), options.retryErrors(), options.commitEvery().orElse(null),
                options.maxImagePixels(), options.precision().name().toLowerCase(Locale.ROOT), version(),
                spark.version(), System.getProperty("java.version"));
    }

    private static long[] imageIds(List<ImageTask> tasks) {
        return tasks.stream().mapToLong(ImageTask::imageId).toArray();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String version() {
        String version = AnnotateJob.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
