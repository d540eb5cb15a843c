package io.hrnetspark.model.net;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time spent in each op type (conv2d, relu, add, ...) over some forward passes, with the
 * multiply-adds and the feature-map bytes read and written where the executor reports them, so
 * compute-bound ops show their GMAC/s and memory-bound ones their GB/s.
 */
final class OpTimes {

    /** Total time, call count, multiply-adds and bytes moved of one op type (0 when not reported). */
    record OpTime(String opType, long nanos, long calls, long multiplyAdds, long bytes) {
    }

    private final Map<String, long[]> totals = new LinkedHashMap<>();

    void add(String opType, long nanos) {
        add(opType, nanos, 0, 0);
    }

    void add(String opType, long nanos, long multiplyAdds, long bytes) {
        long[] total = totals.computeIfAbsent(opType, k -> new long[4]);
        total[0] += nanos;
        total[1]++;
        total[2] += multiplyAdds;
        total[3] += bytes;
    }

    /** The op types, most time first. */
    List<OpTime> times() {
        return totals.entrySet().stream()
                .map(e -> new OpTime(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
                .sorted(Comparator.comparingLong(OpTime::nanos).reversed())
                .toList();
    }
}
