package io.hrnetspark.job.eval;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.ImageAnnotations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} command on a Spark session: reads the ground truth on the driver, the
 * results from a COCO results JSON (driver) or a predictions Parquet directory (executors), runs
 * the distributed evaluation, prints the official summary and writes metrics and report.
 */
public final class EvaluateJob {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

    private EvaluateJob() {
    }

    public static EvaluationOutcome run(SparkSession spark, EvaluateOptions options, PrintWriter out) {
        long start = System.nanoTime();
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        CocoDataset gt = read(storage, options.gt());
        CocoEvaluator evaluator = new CocoEvaluator(options.protocol(), gt);
        JavaRDD<ImageAnnotations> images;
        if (isDirectory(storage, options.results())) {
            images = PredictionsInput.read(spark, options.results(), options.modelId(), evaluator, gt);
        } else {
            CocoDataset results;
            try (InputStream in = open(storage, options.results())) {
                results = gt.loadRes(in, options.results());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + options.results(), e);
            }
            images = DistributedEvaluation.fromResults(spark, evaluator, results);
        }
        long loaded = System.nanoTime();
        EvaluationOutcome outcome = DistributedEvaluation.run(evaluator, images, options.worstImagesWanted());
        LOG.info("Evaluated {} images: loading {} s, matching and summary {} s", outcome.images(),
                seconds(loaded - start), seconds(System.nanoTime() - loaded));
        out.print(outcome.result().summary().text());
        out.flush();
        options.output().ifPresent(dir -> MetricsWriter.write(spark, storage, dir, outcome.result().summary(),
                options));
        options.report().ifPresent(dir -> EvaluationReport.write(storage, dir, outcome, options));
        return outcome;
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
