package io.hrnetspark.model.net;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wall time spent in each op type (conv2d, relu, add, ...) over some forward passes. */
final class OpTimes {

    /** Total time and call count of one op type. */
    record OpTime(String opType, long nanos, long calls) {
    }

    private final Map<String, long[]> totals = new LinkedHashMap<>();

    void add(String opType, long nanos) {
        long[] total = totals.computeIfAbsent(opType, k -> new long[2]);
        total[0] += nanos;
        total[1]++;
    }

    /** The op types, most time first. */
    List<OpTime> times() {
        return totals.entrySet().stream()
                .map(e -> new OpTime(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(OpTime::nanos).reversed())
                .toList();
    }
}
