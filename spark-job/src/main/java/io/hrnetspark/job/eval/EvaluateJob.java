package io.hrnetspark.job.eval;

import io.hrnetspark.job.output.LocalPredictions;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.ImageAnnotations;
import io.hrnetspark.model.eval.Summary;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} command: reads the ground truth on the driver, the results from a COCO results JSON
 * (driver) or a predictions table, runs the per-image matching, prints the official summary and writes metrics
 * and report. On a Spark session the predictions are read and matched on the executors; {@link #runLocally}
 * does the same in this JVM for embedded local runs, whose input fits it.
 */
public final class EvaluateJob {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

    private EvaluateJob() {
    }

    /** Records an evaluation's rows in the metrics Delta table of {@code --output}. */
    @FunctionalInterface
    public interface MetricsTable {
        void record(String directory, Summary summary, MetricsWriter.Scope scope);
    }

    public static EvaluationOutcome run(SparkSession spark, EvaluateOptions options, PrintWriter out) {
        long start = System.nanoTime();
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        boolean table = isDirectory(storage, options.results());
        CocoDataset gt = read(storage, options.gt());
        CocoEvaluator evaluator = new CocoEvaluator(options.protocol(), gt);
        JavaRDD<ImageAnnotations> images = table
                ? PredictionsInput.read(spark, options.results(), options.modelId(), evaluator, gt)
                : DistributedEvaluation.fromResults(spark, evaluator, readResults(storage, gt, options.results()));
        long loaded = System.nanoTime();
        EvaluationOutcome outcome = DistributedEvaluation.run(evaluator, images, options.worstImagesWanted());
        return finish(storage, options, out, outcome, start, loaded,
                (dir, summary, scope) -> MetricsWriter.writeTable(spark, storage, dir, summary, scope));
    }

    /**
     * As {@link #run}, without Spark: a results JSON or a predictions Delta table read in this JVM (Delta Kernel)
     * and matched on its cores; only {@code metricsTable} (for {@code --output}) may need a session.
     *
     * @return empty when the predictions are plain Parquet files, which {@link #run} reads
     */
    public static Optional<EvaluationOutcome> runLocally(HadoopStorage storage, EvaluateOptions options,
                                                         PrintWriter out, MetricsTable metricsTable) {
        long start = System.nanoTime();
        boolean table = isDirectory(storage, options.results());
        Optional<List<String>> columns = table ? LocalPredictions.deltaColumns(storage, options.results())
                : Optional.empty();
        if (table && columns.isEmpty()) {
            return Optional.empty();
        }
        CocoDataset gt = read(storage, options.gt());
        CocoEvaluator evaluator = new CocoEvaluator(options.protocol(), gt);
        List<ImageAnnotations> images = table
                ? LocalPredictionsInput.read(storage, options.results(), options.modelId(), columns.get(), evaluator,
                        gt)
                : evaluator.group(readResults(storage, gt, options.results()));
        long loaded = System.nanoTime();
        EvaluationOutcome outcome = LocalEvaluation.run(evaluator, images, options.worstImagesWanted());
        return Optional.of(finish(storage, options, out, outcome, start, loaded, metricsTable));
    }

    private static EvaluationOutcome finish(HadoopStorage storage, EvaluateOptions options, PrintWriter out,
                                            EvaluationOutcome outcome, long start, long loaded,
                                            MetricsTable metricsTable) {
        LOG.info("Evaluated {} images: loading {} s, matching and summary {} s", outcome.images(),
                seconds(loaded - start), seconds(System.nanoTime() - loaded));
        out.print(outcome.result().summary().text());
        out.flush();
        options.output().ifPresent(dir -> {
            metricsTable.record(dir, outcome.result().summary(), new MetricsWriter.Scope(options.protocol().iouType(),
                    options.protocol().dataset(), options.gt(), options.results(), options.modelId()));
            MetricsWriter.writeJson(storage, dir, outcome.result().summary());
        });
        options.report().ifPresent(dir -> EvaluationReport.write(storage, dir, outcome, options));
        return outcome;
    }

    private static CocoDataset readResults(HadoopStorage storage, CocoDataset gt, String location) {
        try (InputStream in = open(storage, location)) {
            return gt.loadRes(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    private static CocoDataset read(HadoopStorage storage, String location) {
        try (InputStream in = open(storage, location)) {
            return CocoDataset.read(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    private static InputStream open(HadoopStorage storage, String location) {
        try {
            return storage.open(new Path(location));
        } catch (FileNotFoundException e) {
            throw new InvalidInputException("File " + location + " does not exist; check the path.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    private static boolean isDirectory(HadoopStorage storage, String location) {
        try {
            return storage.isDirectory(new Path(location));
        } catch (FileNotFoundException e) {
            throw new InvalidInputException(location + " does not exist; give a COCO results JSON file"
                    + " or a predictions directory.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
    }
}
