package io.hrnetspark.job.eval;

import io.hrnetspark.model.eval.ImageAnnotations;
import io.hrnetspark.model.eval.ImageMeanOks;
import java.io.Serializable;

/** One of the worst images of a keypoint evaluation: its measure and what to draw on it. */
public record RankedImage(ImageMeanOks measure, ImageAnnotations annotations) implements Serializable {
}
