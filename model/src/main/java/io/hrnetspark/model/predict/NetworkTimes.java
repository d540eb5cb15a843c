package io.hrnetspark.model.predict;

import java.util.Locale;

/**
 * Totals of a network's forward passes since it was built.
 *
 * @param batches      forward passes
 * @param samples      samples in them
 * @param waitingNanos time callers waited for another caller's batch to finish
 * @param runningNanos time the network ran (the lock held)
 */
public record NetworkTimes(long batches, long samples, long waitingNanos, long runningNanos) {

    /** The totals since {@code earlier}. */
    public NetworkTimes since(NetworkTimes earlier) {
        return new NetworkTimes(batches - earlier.batches, samples - earlier.samples,
                waitingNanos - earlier.waitingNanos, runningNanos - earlier.runningNanos);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d batches, %d samples, %.2f s running, %.2f s waiting", batches, samples,
                runningNanos / 1e9, waitingNanos / 1e9);
    }
}
