package io.hrnetspark.job.output;

import java.time.Instant;

/**
 * What decides the numbers of a run, fixed when it starts; the first part of its {@code run} row.
 *
 * @param boxSource         "gt" or "gt-all" (annotation boxes), "detections", or "none" (heads that take whole images)
 * @param detectionsFile    the detections file, null with ground-truth boxes
 * @param boxScoreThreshold minimum detection score, null with ground-truth boxes
 * @param weightsSha256     SHA-256 of the checkpoint file, null with random weights
 * @param head              top-down, bottom-up or segmentation
 * @param inVisThreshold    {@code TEST.IN_VIS_THRE} (top-down), else null
 * @param oksThreshold      {@code TEST.OKS_THRE} (top-down), else null
 * @param commitEvery       images per committed chunk, null when sized from the measured speed
 * @param maxImagePixels    images declaring more pixels are refused before decoding
 * @param precision         fp32 or bf16, the arithmetic of the network's convolutions
 */
public record RunSettings(String runId, String modelId, Instant startedAt, String master, String imagesRoot,
                          String annotations, String boxSource, String detectionsFile, Double boxScoreThreshold,
                          String configFile, String configYaml, String weightsFile, String weightsSha256,
                          boolean randomWeights, boolean flipTest, String head, Double inVisThreshold,
                          Double oksThreshold,
                          int batchSize, boolean overwrite, boolean retryErrors, Integer commitEvery,
                          long maxImagePixels, String precision, String hrnetSparkVersion, String sparkVersion,
                          String javaVersion) {
}
