package io.hrnetspark.model.net;

import java.util.Arrays;

/** One {@code state_dict} entry of a network: its key, shape and role. */
public record ParameterEntry(String key, long[] shape, Kind kind) {

    /** What an entry is, which decides how it is counted. */
    public enum Kind {
        /** A trainable float32 parameter (weights and biases of convolutions and BatchNorm). */
        PARAMETER,
        /** A float32 BatchNorm running statistic (buffer). */
        RUNNING_STATISTIC,
        /** BatchNorm's int64 scalar {@code num_batches_tracked}, unused at inference. */
        BATCH_COUNTER
    }

    public ParameterEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterEntry e && key.equals(e.key) && Arrays.equals(shape, e.shape) && kind == e.kind;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(shape);
    }
}
