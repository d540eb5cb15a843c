package io.hrnetspark.job.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A best-effort announcement that a run is writing to an output directory: {@code _leases/RUN_ID.json},
 * rewritten every {@link #HEARTBEAT}. It only informs (a warning when another live run is found, and
 * which staging folders are safe to delete); the tables stay exact without it.
 */
public final class RunLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** A lease not refreshed for this long belongs to a run that died. */
    static final Duration EXPIRY = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The content of a lease file. */
    public record Holder(String runId, String host, long pid, String startedAt) {
    }

    private final HadoopStorage storage;
    private final OutputLayout layout;
    private final Path file;
    private final Holder holder;
    private final ScheduledExecutorService heartbeat;
    private boolean createdRoot;

    private RunLease(HadoopStorage storage, OutputLayout layout, Holder holder) {
        this.storage = storage;
        this.layout = layout;
        this.holder = holder;
        this.file = new Path(layout.leases(), holder.runId() + ".json");
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hrnet-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Announces the run, warns about other live runs, and deletes what dead runs left behind (their
     * leases and staged chunks, never read by anyone).
     */
    public static RunLease acquire(HadoopStorage storage, OutputLayout layout, String runId) {
        RunLease lease = new RunLease(storage, layout, new Holder(runId, host(), ProcessHandle.current().pid(),
                Instant.now().toString()));
        lease.createdRoot = !storage.exists(layout.root());
        List<String> live = lease.otherLiveRuns();
        lease.write();
        lease.heartbeat.scheduleAtFixedRate(lease::refresh, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        for (String other : live) {
            LOG.warn("Another annotate run is writing to {}: {}. Both runs stay exact (rows are merged by key); "
                    + "this run skips images the other commits first.", layout.root(), other);
        }
        return lease;
    }

    /** Descriptions of the other runs whose lease is fresh; expired leases and their staging are removed. */
    private List<String> otherLiveRuns() {
        List<String> live = new ArrayList<>();
        try {
            FileSystem fs = storage.fileSystem(layout.root());
            List<String> liveIds = new ArrayList<>();
            if (fs.exists(layout.leases())) {
                for (FileStatus status : fs.listStatus(layout.leases())) {
                    String runId = status.getPath().getName().replaceFirst("\\.json$", "");
                    Duration age = Duration.ofMillis(System.currentTimeMillis() - status.getModificationTime());
                    if (age.compareTo(EXPIRY) < 0) {
                        liveIds.add(runId);
                        live.add(describe(status.getPath(), age));
                    } else {
                        fs.delete(status.getPath(), false);
                    }
                }
            }
            if (fs.exists(layout.stagingRoot())) {
                for (FileStatus staged : fs.listStatus(layout.stagingRoot())) {
                    if (!liveIds.contains(staged.getPath().getName())) {
                        fs.delete(staged.getPath(), true);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not check {} for other runs: {}", layout.leases(), e.toString());
        }
        return live;
    }

    private String describe(Path lease, Duration age) {
        try (InputStream in = storage.open(lease)) {
            Holder other = JSON.readValue(in, Holder.class);
            return "run " + other.runId() + " on " + other.host() + " (pid " + other.pid() + ", started "
                    + other.startedAt() + ", alive " + age.toSeconds() + " s ago)";
        } catch (IOException | RuntimeException e) {
            return "run " + lease.getName() + " (alive " + age.toSeconds() + " s ago)";
        }
    }

    private void write() {
        try {
            storage.write(file, JSON.writeValueAsBytes(holder));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run lease " + file, e);
        }
    }

    private void refresh() {
        try {
            write();
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the run lease {}: {}", file, e.toString());
        }
    }

    /**
     * Stops the heartbeat and removes the lease and the run's staging folder, and their parents once empty
     * (the output folder too when this run created it and wrote nothing, e.g. after a bad input).
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            FileSystem fs = storage.fileSystem(file);
            fs.delete(layout.staging(holder.runId()), true);
            fs.delete(file, false);
            deleteIfEmpty(fs, layout.stagingRoot());
            deleteIfEmpty(fs, layout.leases());
            if (createdRoot) {
                deleteIfEmpty(fs, layout.root());
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the run lease {}: {}", file, e.toString());
        }
    }

    /** A non-recursive delete fails on a folder another run has just written into, which is what we want. */
    private static void deleteIfEmpty(FileSystem fs, Path folder) {
        try {
            if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
                fs.delete(folder, false);
            }
        } catch (IOException e) {
            LOG.debug("{} stays: {}", folder, e.toString());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
