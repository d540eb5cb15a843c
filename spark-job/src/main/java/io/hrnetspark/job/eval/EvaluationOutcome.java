package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.EvaluationResult;
import io.hrnetspark.model.eval.KeypointErrors;
import java.util.List;

/**
 * A finished distributed evaluation.
 *
 * @param keypointErrors per-keypoint errors of matched detections; {@code null} for segm and bbox
 * @param worstImages    the worst images by {@link io.hrnetspark.model.eval.ImageMeanOks}, worst first;
 *                       empty unless asked for (keypoints only)
 * @param images         images that had ground truth or detections
 */
public record EvaluationOutcome(EvaluationResult result, KeypointErrors keypointErrors,
                                List<RankedImage> worstImages, long images) {
}
