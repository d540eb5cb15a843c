package io.hrnetspark.model.net;

import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.ExecutionPlan.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link ExecutionPlan} with its sums and ReLUs folded into the op before them, the way oneDNN
 * fuses them as post-ops: {@code relu(conv(x) + r)} becomes one convolution that adds {@code r}
 * (already in its output buffer) and applies the ReLU before writing. A sum is fused into the later
 * of its two operands' ops when that op is a (transposed) convolution or a resampling whose result
 * only feeds the sum; a ReLU into the op before it when that op's result only feeds the ReLU.
 * Everything else stays an op of its own.
 */
final class FusedPlan {

    /**
     * One op: {@code step} of the plan, writing tensor {@code output}; with {@code accumulator} &ge; 0
     * it adds that tensor to its result (oneDNN's sum post-op), with {@code relu} it then applies a ReLU.
     * {@code output} is the last tensor of the chain it replaces (the sum's or the ReLU's).
     */
    record Op(Step step, int output, int accumulator, boolean relu) {

        /** The tensors the op reads: the step's inputs and the accumulator. */
        int[] reads() {
            int[] inputs = step.inputs();
            if (accumulator < 0) {
                return inputs.clone();
            }
            int[] reads = Arrays.copyOf(inputs, inputs.length + 1);
            reads[inputs.length] = accumulator;
            return reads;
        }
    }

    private final ExecutionPlan plan;
    private final List<Op> ops;

    private FusedPlan(ExecutionPlan plan, List<Op> ops) {
        this.plan = plan;
        this.ops = List.copyOf(ops);
    }

    static FusedPlan of(ExecutionPlan plan) {
        int[] readers = new int[plan.tensors()];
        for (Step step : plan.steps()) {
            for (int input : step.inputs()) {
                readers[input]++;
            }
        }
        for (int output : plan.outputs()) {
            readers[output]++;
        }
        List<Pending> ops = new ArrayList<>();
        Pending[] producer = new Pending[plan.tensors()];
        for (Step step : plan.steps()) {
            Pending absorbing = switch (step.kind()) {
                case ADD -> sumTarget(step, producer, readers);
                case RELU -> reluTarget(step.inputs()[0], producer, readers);
                default -> null;
            };
            if (absorbing == null) {
                absorbing = new Pending(step, ops.size());
                ops.add(absorbing);
            } else if (step.kind() == Kind.ADD) {
                int fused = absorbing.output;
                absorbing.accumulator = step.inputs()[0] == fused ? step.inputs()[1] : step.inputs()[0];
            } else {
                absorbing.relu = true;
            }
            absorbing.output = step.output();
            producer[step.output()] = absorbing;
        }
        return new FusedPlan(plan, ops.stream().map(p -> new Op(p.step, p.output, p.accumulator, p.relu)).toList());
    }

    ExecutionPlan plan() {
        return plan;
    }

    List<Op> ops() {
        return ops;
    }

    /**
     * The op a sum can be fused into: of the two operands' ops that can take it, the later one, so
     * that the other operand already exists when it runs.
     */
    private static Pending sumTarget(Step add, Pending[] producer, int[] readers) {
        int a = add.inputs()[0];
        int b = add.inputs()[1];
        if (a == b) {
            return null;
        }
        Pending first = producer[a];
        Pending second = producer[b];
        Pending later = first == null ? second
                : second == null ? first
                : first.position > second.position ? first : second;
        if (later == null || !canTakeSum(later, later == first ? a : b, readers)) {
            return null;
        }
        return later;
    }

    private static boolean canTakeSum(Pending op, int operand, int[] readers) {
        Step step = op.step;
        boolean kindTakesSum = switch (step.kind()) {
            case CONVOLUTION, DECONVOLUTION, UPSAMPLE -> true;
            case RESIZE -> !step.alignCorners();
            default -> false;
        };
        return kindTakesSum && op.output == operand && op.accumulator < 0 && !op.relu && readers[operand] == 1;
    }

    private static Pending reluTarget(int input, Pending[] producer, int[] readers) {
        Pending op = producer[input];
        if (op == null || op.output != input || op.relu || readers[input] != 1) {
            return null;
        }
        boolean kindTakesRelu = switch (op.step.kind()) {
            case CONVOLUTION, DECONVOLUTION, UPSAMPLE, ADD -> true;
            case RESIZE -> !op.step.alignCorners();
            default -> false;
        };
        return kindTakesRelu ? op : null;
    }

    /** An op while the plan is being fused. */
    private static final class Pending {

        final Step step;
        final int position;
        int output;
        int accumulator = -1;
        boolean relu;

        Pending(Step step, int position) {
            this.step = step;
            this.position = position;
            this.output = step.output();
        }
    }
}
