package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.TaskBox;

/** The prediction for one person box, and whether OKS-NMS among its image's persons kept it. */
public record PersonResult(TaskBox box, PosePrediction pose, boolean keptByNms) {
}
