package io.hrnetspark.job.testing;

import io.hrnetspark.job.inference.Device;
import io.hrnetspark.job.inference.ModelSettings;
import io.hrnetspark.job.inference.ModelSpec;
import io.hrnetspark.job.inference.PoseBatchModel;
import io.hrnetspark.job.inference.PoseModelFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * Builds {@link BoxEchoPoseModel}s and records what happens to them, in this JVM (static counters)
 * and across JVMs (one file per event under {@code eventsDir}: {@code build-PID-DEVICE-...},
 * {@code close-PID-...}, {@code task-PID-DEVICE-...}). Can fail the first attempt of one partition
 * after some batches, to test task retries.
 *
 * @param eventsDir         directory for event files, or null
 * @param failPartition     partition whose first attempt fails, or -1
 * @param failAfterBatches  batches that partition predicts before failing
 */
public record BoxEchoModelFactory(String eventsDir, int failPartition, int failAfterBatches, int stopAtBatch,
                                  String stopMarker) implements PoseModelFactory {

    public static final ModelSettings SETTINGS = new ModelSettings(true, 0.2, 0.9, 0.0, BoxEchoPoseModel.KEYPOINTS);
    public static final AtomicInteger BUILDS = new AtomicInteger();
    public static final AtomicInteger CLOSES = new AtomicInteger();
    public static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();
    public static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();

    public BoxEchoModelFactory(String eventsDir, int failPartition, int failAfterBatches) {
        this(eventsDir, failPartition, failAfterBatches, -1, null);
    }

    public static BoxEchoModelFactory plain() {
        return new BoxEchoModelFactory(null, -1, 0);
    }

    /** At the {@code batch}-th forward pass of this JVM, writes {@code marker} and blocks for good (to be killed). */
    public static BoxEchoModelFactory stoppingAt(int batch, String marker) {
        return new BoxEchoModelFactory(null, -1, 0, batch, marker);
    }

    public static void reset() {
        BUILDS.set(0);
        CLOSES.set(0);
        INJECTED_FAILURES.set(0);
        BATCH_SIZES.clear();
    }

    @Override
    public ModelSettings validate(String configName, String configYaml, byte[] weights, String weightsName) {
        return SETTINGS;
    }

    @Override
    public PoseBatchModel<?, ?> create(ModelSpec spec, Device device) {
        BUILDS.incrementAndGet();
        record("build-" + pid() + "-" + device);
        AtomicInteger batchesOfFailingAttempt = new AtomicInteger();
        return new BoxEchoPoseModel(size -> {
            BATCH_SIZES.add(size);
            if (BATCH_SIZES.size() == stopAtBatch) {
                stopForGood();
            }
            TaskContext task = TaskContext.get();
            if (task != null) {
                record("task-" + pid() + "-" + device + "-" + task.partitionId());
                if (task.partitionId() == failPartition && task.attemptNumber() == 0
                        && batchesOfFailingAttempt.incrementAndGet() > failAfterBatches) {
                    INJECTED_FAILURES.incrementAndGet();
                    throw new IllegalStateException("Injected failure in partition " + failPartition);
                }
            }
        }, () -> {
            CLOSES.incrementAndGet();
            record("close-" + pid());
        });
    }

    private void stopForGood() {
        try {
            Files.writeString(Path.of(stopMarker), "inference");
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopped", e);
        }
    }

    private void record(String event) {
        if (eventsDir == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(eventsDir));
            Files.writeString(Path.of(eventsDir, event + "-" + UUID.randomUUID()), event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }
}
