package io.hrnetspark.model.predict;

import io.hrnetspark.model.net.ExecutorMemory;
import java.util.Locale;

/**
 * What a predictor's network has done since it was built, and the memory its executor holds.
 *
 * @param batches      forward passes
 * @param samples      samples in them
 * @param waitingNanos time callers waited for another caller's batch to finish
 * @param runningNanos time the network ran (the lock held)
 * @param memory       the executor's feature-map buffers and bound plans after the last batch
 */
public record NetworkStats(long batches, long samples, long waitingNanos, long runningNanos, ExecutorMemory memory) {

    /** The counts and times since {@code earlier}; the memory now. */
    public NetworkStats since(NetworkStats earlier) {
        return new NetworkStats(batches - earlier.batches, samples - earlier.samples,
                waitingNanos - earlier.waitingNanos, runningNanos - earlier.runningNanos, memory);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d batches, %d samples, %.2f s running, %.2f s waiting, %.1f MB buffers "
                + "for %d shapes (%d plans bound)", batches, samples, runningNanos / 1e9, waitingNanos / 1e9,
                memory.bufferBytes() / 1e6, memory.boundShapes(), memory.binds());
    }
}
