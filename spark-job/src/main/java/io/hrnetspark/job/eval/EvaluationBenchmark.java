package io.hrnetspark.job.eval;

import io.hrnetspark.job.memory.HeapUse;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.EvalProtocol;
import io.hrnetspark.model.eval.EvaluationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench evaluate}: generates a synthetic keypoint set of the requested size and prints the
 * time to load it, the wall time of the distributed evaluation and of the single-thread one, and
 * the peak heap. The distributed evaluation runs twice: the first run includes the JVM's and
 * Spark's warm-up, the second shows the steady state.
 */
public final class EvaluationBenchmark {

    /** The size of the generated set. */
    public record Size(int images, int people, int detections) {
    }

    private EvaluationBenchmark() {
    }

    public static void run(SparkSession spark, Size size, long seed, Path dir, PrintWriter out) {
        SyntheticKeypointSet.write(dir, size.images(), size.people(), size.detections(), seed);
        out.printf(Locale.ROOT, "synthetic set: %d images, %d people, %d detections (%s %.1f MB, %s %.1f MB)%n",
                size.images(), size.people(), size.detections(), SyntheticKeypointSet.GT,
                megabytes(dir.resolve(SyntheticKeypointSet.GT)), SyntheticKeypointSet.RESULTS,
                megabytes(dir.resolve(SyntheticKeypointSet.RESULTS)));
        HeapUse heap = new HeapUse();
        long start = System.nanoTime();
        CocoDataset gt = CocoDataset.load(dir.resolve(SyntheticKeypointSet.GT));
        CocoDataset results = gt.loadRes(dir.resolve(SyntheticKeypointSet.RESULTS));
        long loaded = System.nanoTime();
        CocoEvaluator evaluator = new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt);
        EvaluationOutcome distributed = DistributedEvaluation.run(evaluator,
                DistributedEvaluation.fromResults(spark, evaluator, results));
        long evaluated = System.nanoTime();
        EvaluationOutcome again = DistributedEvaluation.run(evaluator,
                DistributedEvaluation.fromResults(spark, evaluator, results));
        long evaluatedAgain = System.nanoTime();
        EvaluationResult single = evaluator.evaluate(results);
        long singleDone = System.nanoTime();
        out.printf(Locale.ROOT, "load (parse GT + loadRes):         %8.2f s%n", (loaded - start) / 1e9);
        out.printf(Locale.ROOT, "evaluate on Spark %-16s %8.2f s   AP %.6f%n",
                spark.sparkContext().master() + ":", (evaluated - loaded) / 1e9,
                distributed.result().summary().stats()[0]);
        out.printf(Locale.ROOT, "same again, warm JVM:              %8.2f s   AP %.6f%n",
                (evaluatedAgain - evaluated) / 1e9, again.result().summary().stats()[0]);
        out.printf(Locale.ROOT, "evaluate on one thread (driver):   %8.2f s   AP %.6f%n",
                (singleDone - evaluatedAgain) / 1e9, single.summary().stats()[0]);
        out.printf(Locale.ROOT, "peak heap (sum of pool peaks):     %8.0f MB of %d MB max%n",
                heap.poolPeaksSumBytes() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
        out.flush();
        heap.close();
    }

    private static double megabytes(Path file) {
        try {
            return Files.size(file) / 1048576.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
