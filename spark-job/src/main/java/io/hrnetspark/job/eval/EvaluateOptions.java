package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.EvalProtocol;
import java.util.Optional;

/**
 * The {@code evaluate} command's settings, validated.
 *
 * @param gt       COCO ground-truth JSON
 * @param results  COCO results JSON, or a predictions Parquet directory of an annotate run
 * @param output   directory for {@code metrics} (Parquet) and {@code metrics.json}
 * @param report   directory for the HTML report
 */
public record EvaluateOptions(String gt, String results, EvalProtocol protocol,
                              Optional<String> output, Optional<String> report) {

    /** Validates {@code --type} and {@code --dataset}. */
    public static EvaluateOptions of(String gt, String results, String type, String dataset,
                                     String output, String report) {
        return new EvaluateOptions(gt, results, EvalProtocol.of(type, dataset),
                Optional.ofNullable(output), Optional.ofNullable(report));
    }
}
