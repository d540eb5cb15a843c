package io.hrnetspark.job.annotate;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.Manifest;
import io.hrnetspark.job.output.ChunkCommit;
import io.hrnetspark.job.output.RunCounts;
import io.hrnetspark.job.output.RunRecord;
import io.hrnetspark.job.output.RunSettings;
import io.hrnetspark.job.output.RunTimings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a run has done so far, as its {@code run} row at any moment. Driver-side, one thread. */
final class RunProgress {

    enum Phase { MANIFEST, INFERENCE, WRITE }

    private final RunSettings settings;
    private final Manifest manifest;
    private final Map<Phase, Double> phaseEnds = new EnumMap<>(Phase.class);
    private final List<ChunkCommit> commits = new ArrayList<>();
    private List<String> devices = List.of();
    private long alreadyDone;
    private long boxes;
    private int partitions;

    RunProgress(RunSettings settings, Manifest manifest) {
        this.settings = settings;
        this.manifest = manifest;
    }

    RunSettings settings() {
        return settings;
    }

    /** The plan left {@code todo} of the manifest's work items to do. */
    void planned(long todo) {
        alreadyDone = manifest.taskCount() - todo;
    }

    void alreadyDone(long images) {
        alreadyDone += images;
    }

    void inferred(List<ImageTask> tasks, int chunkPartitions) {
        boxes += tasks.stream().mapToLong(ImageTask::work).sum();
        partitions += chunkPartitions;
    }

    void addCommits(List<ChunkCommit> finished) {
        commits.addAll(finished);
    }

    void devices(Set<String> used) {
        devices = List.copyOf(used);
    }

    /** @param seconds seconds since the run started */
    void phaseDone(Phase phase, double seconds) {
        phaseEnds.put(phase, seconds);
    }

    RunRecord record(String status, Instant finishedAt, double totalSeconds) {
        long annotated = commits.stream().mapToLong(ChunkCommit::imagesAnnotated).sum();
        long failed = commits.stream().mapToLong(ChunkCommit::imagesFailed).sum();
        RunCounts counts = new RunCounts(manifest.imagesListed(), manifest.imagesWithoutBoxes(), alreadyDone,
                annotated, failed, boxes, manifest.boxesSkipped(), manifest.detectionsWithoutImage(),
                commits.stream().mapToLong(ChunkCommit::persons).sum(),
                commits.stream().mapToLong(ChunkCommit::personsKept).sum(),
                commits.stream().mapToLong(ChunkCommit::errorRows).sum());
        double manifestEnd = phaseEnds.getOrDefault(Phase.MANIFEST, totalSeconds);
        double inferenceEnd = phaseEnds.getOrDefault(Phase.INFERENCE, totalSeconds);
        double writeEnd = phaseEnds.getOrDefault(Phase.WRITE, totalSeconds);
        RunTimings timings = new RunTimings(manifestEnd, inferenceEnd - manifestEnd, writeEnd - inferenceEnd,
                totalSeconds);
        return new RunRecord(settings, status, finishedAt, partitions, devices, counts, timings, commits);
    }
}
