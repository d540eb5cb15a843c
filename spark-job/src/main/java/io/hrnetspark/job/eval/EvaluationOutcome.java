package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.EvaluationResult;
import io.hrnetspark.model.eval.KeypointErrors;

/**
 * A finished distributed evaluation.
 *
 * @param keypointErrors per-keypoint errors of matched detections; {@code null} for segm and bbox
 * @param images         images that had ground truth or detections
 */
public record EvaluationOutcome(EvaluationResult result, KeypointErrors keypointErrors, long images) {
}
