package io.hrnetspark.model.config;

/**
 * {@code TEST} of a top-down pose experiment, with the meaning the official
 * {@code deep-high-resolution-net.pytorch} test code gives each key.
 *
 * @param batchSizePerGpu crops per forward pass ({@code BATCH_SIZE_PER_GPU})
 * @param flipTest        average the heatmaps of the mirrored crop ({@code FLIP_TEST})
 * @param shiftHeatmap    shift the mirrored heatmaps one pixel right ({@code SHIFT_HEATMAP})
 * @param postProcess     quarter-pixel step towards the higher neighbour ({@code POST_PROCESS})
 * @param useGtBbox       person boxes from the ground truth rather than a detector ({@code USE_GT_BBOX})
 * @param imageThreshold  detector boxes below this score are dropped ({@code IMAGE_THRE})
 * @param nmsThreshold    box NMS threshold of the detector results ({@code NMS_THRE})
 * @param softNms         soft OKS-NMS instead of hard ({@code SOFT_NMS})
 * @param oksThreshold    OKS-NMS threshold ({@code OKS_THRE})
 * @param inVisThreshold  keypoints above this confidence count in the rescoring ({@code IN_VIS_THRE})
 */
public record TopDownTestConfig(int batchSizePerGpu, boolean flipTest, boolean shiftHeatmap,
                                boolean postProcess, boolean useGtBbox, double imageThreshold,
                                double nmsThreshold, boolean softNms, double oksThreshold,
                                double inVisThreshold) {
}
