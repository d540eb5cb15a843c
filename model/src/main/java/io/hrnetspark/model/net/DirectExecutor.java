package io.hrnetspark.model.net;

import io.hrnetspark.model.net.BatchNormFolding.FoldedConvolution;
import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.ExecutionPlan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Upsampling2d;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.shape.Concat;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a network as a fixed sequence of ND4J ops (oneDNN convolutions on CPU) on preallocated
 * buffers: BatchNorm folded, feature maps channels-last, each buffer reused as soon as its tensor is
 * dead, ReLU and sums written in place where their input dies. Per input shape the ops are bound to
 * their buffers once; a call then only copies the input in, runs the ops and copies the outputs out,
 * without the per-op bookkeeping of a SameDiff session. Thread-confined.
 */
final class DirectExecutor implements Executor {

    /** Bound plans kept per input shape (a stream of equal batches plus a last, smaller one). */
    private static final int CACHED_SHAPES = 2;

    private final NetworkDefinition network;
    private final Map<String, FoldedConvolution> convolutions;
    private final Map<List<Long>, BoundPlan> plans = new LinkedHashMap<>(4, 0.75f, true);

    DirectExecutor(NetworkDefinition network, Map<String, INDArray> stateDict) {
        this.network = network;
        this.convolutions = FoldedConvolutions.of(network, stateDict, true);
    }

    @Override
    public List<INDArray> output(INDArray batch, OpTimes times) {
        List<Long> key = Arrays.stream(batch.shape()).boxed().toList();
        BoundPlan plan = plans.get(key);
        if (plan == null) {
            plan = bind(batch.shape());
            plans.put(key, plan);
            evictBeyond(CACHED_SHAPES);
        }
        return plan.run(batch, times);
    }

    /** Buffers of the bound plan for {@code shape}, for tests: how many and how big. */
    List<INDArray> buffers(long[] shape) {
        return plans.get(Arrays.stream(shape).boxed().toList()).buffers;
    }

    @Override
    public void close() {
        evictBeyond(0);
        FoldedConvolutions.arrays(convolutions).forEach(INDArray::close);
    }

    private void evictBeyond(int keep) {
        Iterator<BoundPlan> eldestFirst = plans.values().iterator();
        for (int excess = plans.size() - keep; excess > 0; excess--) {
            eldestFirst.next().buffers.forEach(INDArray::close);
            eldestFirst.remove();
        }
    }

    private BoundPlan bind(long[] nchw) {
        ExecutionPlan plan = ExecutionPlan.record(network,
                new FeatureShape((int) nchw[1], (int) nchw[2], (int) nchw[3]));
        long batch = nchw[0];
        INDArray[] base = new INDArray[plan.tensors()];
        INDArray[] tensor = new INDArray[plan.tensors()];
        Map<Long, Deque<INDArray>> free = new HashMap<>();
        List<INDArray> buffers = new ArrayList<>();
        base[ExecutionPlan.INPUT] = newBuffer(buffers, elements(plan.shape(ExecutionPlan.INPUT), batch));
        tensor[ExecutionPlan.INPUT] = nhwc(base[ExecutionPlan.INPUT], plan.shape(ExecutionPlan.INPUT), batch);

        List<Runnable> ops = new ArrayList<>();
        List<String> opNames = new ArrayList<>();
        List<Step> steps = plan.steps();
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            FeatureShape shape = plan.shape(step.output());
            int inPlace = inPlaceInput(plan, step, s);
            if (inPlace >= 0) {
                base[step.output()] = base[inPlace];
            } else {
                long elements = elements(shape, batch);
                Deque<INDArray> pool = free.get(elements);
                base[step.output()] = pool == null || pool.isEmpty() ? newBuffer(buffers, elements) : pool.pop();
            }
            tensor[step.output()] = nhwc(base[step.output()], shape, batch);
            INDArray out = tensor[step.output()];
            switch (step.kind()) {
                case CONVOLUTION -> {
                    FoldedConvolution conv = convolutions.get(step.name());
                    CustomOp op = new Conv2D(new INDArray[] {tensor[step.inputs()[0]], conv.weight(), conv.bias()},
                            new INDArray[] {out}, ConvolutionConfig.of(step.kernel(), step.stride(), true));
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("conv2d");
                }
                case RELU -> {
                    RectifiedLinear op = new RectifiedLinear(tensor[step.inputs()[0]], out, 0.0);
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("relu");
                }
                case ADD -> {
                    CustomOp op = new AddOp(tensor[step.inputs()[0]], tensor[step.inputs()[1]], out);
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("add");
                }
                case UPSAMPLE -> {
                    Upsampling2d op = new Upsampling2d(tensor[step.inputs()[0]], step.factor(), step.factor(), false);
                    op.addOutputArgument(out);
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("upsampling2d");
                }
                case RESIZE -> {
                    CustomOp op = new ResizeBilinear(tensor[step.inputs()[0]], out, shape.height(), shape.width(),
                            step.alignCorners(), !step.alignCorners());
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("resize_bilinear");
                }
                case CONCAT -> {
                    INDArray[] inputs = Arrays.stream(step.inputs()).mapToObj(i -> tensor[i]).toArray(INDArray[]::new);
                    Concat op = new Concat(inputs, 3);
                    op.addOutputArgument(out);
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("concat");
                }
            }
            for (int input : Arrays.stream(step.inputs()).distinct().toArray()) {
                if (plan.lastUse(input) == s && input != inPlace) {
                    free.computeIfAbsent(base[input].length(), k -> new ArrayDeque<>()).push(base[input]);
                }
            }
        }
        int[] outputIds = plan.outputs();
        INDArray[] outputs = new INDArray[outputIds.length];
        for (int i = 0; i < outputIds.length; i++) {
            outputs[i] = tensor[outputIds[i]];
        }
        return new BoundPlan(tensor[ExecutionPlan.INPUT], ops, opNames, outputs, buffers);
    }

    /** The input a ReLU or sum can overwrite: one that dies at this step (never the network input). */
    private static int inPlaceInput(ExecutionPlan plan, Step step, int s) {
        if (step.kind() != Kind.RELU && step.kind() != Kind.ADD) {
            return -1;
        }
        for (int input : step.inputs()) {
            if (input != ExecutionPlan.INPUT && plan.lastUse(input) == s
                    && Arrays.stream(step.inputs()).filter(i -> i == input).count() == 1) {
                return input;
            }
        }
        return -1;
    }

    private static long elements(FeatureShape shape, long batch) {
        return batch * shape.channels() * shape.height() * shape.width();
    }

    private static INDArray newBuffer(List<INDArray> buffers, long elements) {
        INDArray buffer = Nd4j.createUninitializedDetached(DataType.FLOAT, elements);
        buffers.add(buffer);
        return buffer;
    }

    private static INDArray nhwc(INDArray buffer, FeatureShape shape, long batch) {
        return buffer.reshape('c', batch, shape.height(), shape.width(), shape.channels());
    }

    /** The ops of one input shape bound to their buffers. */
    private static final class BoundPlan {

        private final INDArray input;
        private final List<Runnable> ops;
        private final List<String> opNames;
        private final INDArray[] outputs;
        private final List<INDArray> buffers;

        BoundPlan(INDArray input, List<Runnable> ops, List<String> opNames, INDArray[] outputs,
                  List<INDArray> buffers) {
            this.input = input;
            this.ops = ops;
            this.opNames = opNames;
            this.outputs = outputs;
            this.buffers = buffers;
        }

        List<INDArray> run(INDArray nchw, OpTimes times) {
            input.assign(nchw.permute(0, 2, 3, 1));
            for (int i = 0; i < ops.size(); i++) {
                long start = times == null ? 0 : System.nanoTime();
                ops.get(i).run();
                if (times != null) {
                    times.add(opNames.get(i), System.nanoTime() - start);
                }
            }
            List<INDArray> result = new ArrayList<>(outputs.length);
            for (INDArray output : outputs) {
                result.add(output.permute(0, 3, 1, 2).dup('c'));
            }
            return result;
        }
    }
}
