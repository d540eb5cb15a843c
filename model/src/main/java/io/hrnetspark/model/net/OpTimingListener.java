package io.hrnetspark.model.net;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Wall time spent in each op type (conv2d, add, relu, ...) while a SameDiff graph runs inference. */
final class OpTimingListener extends BaseListener {

    /** Total time and call count of one op type. */
    record OpTime(String opType, long nanos, long calls) {
    }

    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private long started;

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.INFERENCE;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        long elapsed = System.nanoTime() - started;
        long[] total = totals.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        total[0] += elapsed;
        total[1]++;
    }

    /** The op types, most time first. */
    List<OpTime> times() {
        return totals.entrySet().stream()
                .map(e -> new OpTime(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(OpTime::nanos).reversed())
                .toList();
    }

    void reset() {
        totals.clear();
    }
}
