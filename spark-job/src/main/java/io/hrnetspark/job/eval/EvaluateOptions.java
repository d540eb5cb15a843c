package io.hrnetspark.job.eval;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.eval.EvalProtocol;
import java.util.Optional;

/**
 * The {@code evaluate} command's settings, validated.
 *
 * @param gt          COCO ground-truth JSON
 * @param results     COCO results JSON, or the predictions table of an annotate run
 * @param output      directory for {@code metrics} (Parquet) and {@code metrics.json}
 * @param report      directory for the HTML report
 * @param images      images root (any Hadoop path) that the ground truth's {@code file_name}s are
 *                    relative to; the report draws its worst images only when given
 * @param reportWorst how many of the worst images the report lists (keypoints only)
 * @param modelId     the model whose predictions to score when a predictions table holds several
 */
public record EvaluateOptions(String gt, String results, EvalProtocol protocol,
                              Optional<String> output, Optional<String> report,
                              Optional<String> images, int reportWorst, Optional<String> modelId) {

    public static final int DEFAULT_REPORT_WORST = 12;

    /** Validates {@code --type} and {@code --dataset}; no images root, the default worst-image count. */
    public static EvaluateOptions of(String gt, String results, String type, String dataset,
                                     String output, String report) {
        return of(gt, results, type, dataset, output, report, null, DEFAULT_REPORT_WORST);
    }

    /** Validates {@code --type}, {@code --dataset}, {@code --images} and {@code --report-worst}. */
    public static EvaluateOptions of(String gt, String results, String type, String dataset,
                                     String output, String report, String images, int reportWorst) {
        EvalProtocol protocol = EvalProtocol.of(type, dataset);
        if (reportWorst < 0) {
            throw new InvalidInputException("--report-worst must be 0 or more, not " + reportWorst + ".");
        }
        if (images != null && report == null) {
            throw new InvalidInputException("--images is read only to draw the report's worst images;"
                    + " add --report DIR or leave --images out.");
        }
        if (images != null && !protocol.isKeypoints()) {
            throw new InvalidInputException("--images draws the worst images of a keypoint evaluation;"
                    + " leave it out for --type " + protocol.iouType() + ".");
        }
        return new EvaluateOptions(gt, results, protocol, Optional.ofNullable(output),
                Optional.ofNullable(report), Optional.ofNullable(images), reportWorst, Optional.empty());
    }

    /** The same settings, scoring the predictions of one model of a predictions table. */
    public EvaluateOptions forModel(String id) {
        return new EvaluateOptions(gt, results, protocol, output, report, images, reportWorst, Optional.of(id));
    }

    /** How many worst images the per-image matching has to find: none without a report. */
    int worstImagesWanted() {
        return report.isPresent() && protocol.isKeypoints() ? reportWorst : 0;
    }
}
