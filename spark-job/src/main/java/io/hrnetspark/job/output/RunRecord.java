package io.hrnetspark.job.output;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code OUT/run}: the run's settings and what has happened so far. A run's row is
 * committed when it starts ({@link #RUNNING}) and replaced when it ends.
 *
 * @param finishedAt  null while running
 * @param devices     devices the tasks computed on ("cpu", "gpu:0", ...; "gpu:0 (ND4J CPU backend)"
 *                    when Spark assigned a GPU to a CPU-only build)
 * @param partitions  Spark tasks of all inference jobs
 * @param commits     the committed chunks, in order
 */
public record RunRecord(RunSettings settings, String status, Instant finishedAt, int partitions,
                        List<String> devices, RunCounts counts, RunTimings seconds, List<ChunkCommit> commits) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public RunRecord {
        devices = List.copyOf(devices);
        commits = List.copyOf(commits);
    }

    public String runId() {
        return settings.runId();
    }

    public String modelId() {
        return settings.modelId();
    }

    public boolean randomWeights() {
        return settings.randomWeights();
    }
}
