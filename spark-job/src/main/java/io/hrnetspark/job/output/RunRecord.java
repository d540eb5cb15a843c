package io.hrnetspark.job.output;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code OUT/run}: what decides the numbers of a run, and what happened.
 *
 * @param boxSource          "gt" (annotation boxes) or "detections"
 * @param detectionsFile     the detections file, null with ground-truth boxes
 * @param boxScoreThreshold  minimum detection score, null with ground-truth boxes
 * @param weightsSha256      SHA-256 of the checkpoint file, null with random weights
 * @param devices            devices the tasks computed on ("cpu", "gpu:0", ...; "gpu:0 (ND4J CPU backend)"
 *                           when Spark assigned a GPU to a CPU-only build)
 */
public record RunRecord(String runId, String modelId, Instant startedAt, Instant finishedAt, String master,
                        String imagesRoot, String annotations, String boxSource, String detectionsFile,
                        Double boxScoreThreshold, String configFile, String configYaml, String weightsFile,
                        String weightsSha256, boolean randomWeights, boolean flipTest, double inVisThreshold,
                        double oksThreshold, int batchSize, int partitions, boolean overwrite, String hrnetSparkVersion,
                        String sparkVersion, String javaVersion, List<String> devices, RunCounts counts,
                        RunTimings seconds) {

    public RunRecord {
        devices = List.copyOf(devices);
    }
}
