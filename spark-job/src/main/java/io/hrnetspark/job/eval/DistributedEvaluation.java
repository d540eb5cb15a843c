package io.hrnetspark.job.eval;

import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.ImageAnnotations;
import io.hrnetspark.model.eval.KeypointErrors;
import io.hrnetspark.model.eval.MatchTally;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code evaluate → accumulate → summarize} with the per-image step on Spark executors and
 * accumulation and summary on the driver; equal to {@link CocoEvaluator#evaluate} on one machine.
 */
public final class DistributedEvaluation {

    private static final int PARTITIONS_PER_CORE = 2;

    private DistributedEvaluation() {
    }

    /** Results already loaded on the driver (a COCO results JSON), spread over the executors. */
    public static JavaRDD<ImageAnnotations> fromResults(SparkSession spark, CocoEvaluator evaluator,
                                                        CocoDataset results) {
        List<ImageAnnotations> images = evaluator.group(results);
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(images, partitions(spark, images.size()));
    }

    /** Runs the per-image matching of {@code images} on the executors and summarizes on the driver. */
    public static EvaluationOutcome run(CocoEvaluator evaluator, JavaRDD<ImageAnnotations> images) {
        return run(evaluator, images, 0);
    }

    /**
     * As {@link #run(CocoEvaluator, JavaRDD)}, and for keypoints also finds the {@code worstImages}
     * worst images by {@link io.hrnetspark.model.eval.ImageMeanOks}.
     */
    public static EvaluationOutcome run(CocoEvaluator evaluator, JavaRDD<ImageAnnotations> images,
                                        int worstImages) {
        List<PartitionOutcome> parts = images
                .mapPartitions(new ImageBatchEvaluation(evaluator.protocol(), evaluator.matcher(), worstImages))
                .collect();
        return combine(evaluator, parts, worstImages);
    }

    /** The summary of all partitions' tallies, their keypoint errors and worst images together. */
    static EvaluationOutcome combine(CocoEvaluator evaluator, List<PartitionOutcome> parts, int worstImages) {
        List<MatchTally> tallies = new ArrayList<>();
        KeypointErrors errors = null;
        WorstImages worst = new WorstImages(worstImages);
        long count = 0;
        for (PartitionOutcome part : parts) {
            tallies.addAll(part.tallies());
            if (part.keypointErrors() != null) {
                errors = errors == null ? part.keypointErrors() : errors.plus(part.keypointErrors());
            }
            worst.offerAll(part.worstImages());
            count += part.images();
        }
        return new EvaluationOutcome(evaluator.summarize(tallies), errors, worst.worstFirst(), count);
    }

    /** Enough partitions to keep every core busy, never more than there are images. */
    static int partitions(SparkSession spark, long images) {
        long wanted = (long) spark.sparkContext().defaultParallelism() * PARTITIONS_PER_CORE;
        return (int) Math.max(1, Math.min(wanted, images));
    }
}
