package io.hrnetspark.job.annotate;

import io.hrnetspark.job.eval.EvaluateJob;
import io.hrnetspark.job.eval.EvaluateOptions;
import io.hrnetspark.job.eval.EvaluationOutcome;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.PrintWriter;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code annotate --evaluate}: scores the model's predictions in the output (the run just made plus
 * images done earlier) against the annotation file's keypoints with the COCO keypoint evaluation,
 * printing the official summary and writing {@code OUT/evaluation/metrics} and {@code metrics.json}.
 */
public final class AnnotateEvaluation {

    public static final String DIRECTORY = "evaluation";

    private AnnotateEvaluation() {
    }

    public static EvaluationOutcome run(SparkSession spark, AnnotateOptions options, AnnotateResult result,
                                        PrintWriter out) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        String groundTruth = storage.driverFile(options.annotations().orElseThrow()).toString();
        Path metrics = new Path(result.output().root(), DIRECTORY);
        EvaluationOutcome outcome = EvaluateJob.run(spark, EvaluateOptions.of(groundTruth,
                result.output().predictions().toString(), "keypoints", "coco", metrics.toString(), null)
                .forModel(result.run().modelId()), out);
        out.printf("Evaluation of model %s: %s%n", result.run().modelId(), metrics);
        out.flush();
        return outcome;
    }
}
