package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.ImageAnnotations;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@link DistributedEvaluation} in this JVM without Spark: the images are cut into as many slices as
 * Spark would make partitions on this machine's cores, matched in parallel, and summarized the same way.
 */
final class LocalEvaluation {

    private static final int SLICES_PER_CORE = 2;

    private LocalEvaluation() {
    }

    static EvaluationOutcome run(CocoEvaluator evaluator, List<ImageAnnotations> images, int worstImages) {
        ImageBatchEvaluation evaluation = new ImageBatchEvaluation(evaluator.protocol(), evaluator.matcher(),
                worstImages);
        int slices = (int) Math.max(1, Math.min((long) Runtime.getRuntime().availableProcessors() * SLICES_PER_CORE,
                images.size()));
        List<PartitionOutcome> parts = IntStream.range(0, slices).parallel()
                .mapToObj(i -> evaluation.call(images.subList(
                        (int) ((long) images.size() * i / slices),
                        (int) ((long) images.size() * (i + 1) / slices)).iterator()).next())
                .toList();
        return DistributedEvaluation.combine(evaluator, parts, worstImages);
    }
}
