package io.hrnetspark.model.net;

import io.hrnetspark.model.net.BatchNormFolding.FoldedConvolution;
import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.ExecutionPlan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Upsampling2d;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.shape.Concat;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a network as a fixed sequence of ND4J ops (oneDNN convolutions on CPU) on preallocated
 * buffers: BatchNorm folded, feature maps channels-last, each buffer reused as soon as its tensor is
 * dead, ReLU and sums written in place where their input dies. Per input shape the ops are bound to
 * their buffers once and kept ({@link ShapeCache}); a call then only copies the input in, runs the ops
 * and copies the outputs out, without the per-op bookkeeping of a SameDiff session. The plans of all
 * shapes lay their buffers out in one {@link BufferArena}, so images of varying sizes run without
 * binding again and the buffers take the bytes of the largest plan, not of all. Thread-confined.
 */
final class DirectExecutor implements Executor {

    /** Bound plans kept (input shapes, batch size included); their buffers share one arena. */
    private static final int CACHED_SHAPES = 64;

    private final NetworkDefinition network;
    private final Map<String, FoldedConvolution> convolutions;
    private final BufferArena arena = new BufferArena(DataType.FLOAT);
    /** ND4J's bilinear resize ignores the offset of a view: it reads and writes these, at offset 0. */
    private final BufferArena resizeInput = new BufferArena(DataType.FLOAT);
    private final BufferArena resizeOutput = new BufferArena(DataType.FLOAT);
    private final ShapeCache<BoundPlan> plans = new ShapeCache<>(CACHED_SHAPES, plan -> { });
    private long binds;

    DirectExecutor(NetworkDefinition network, Map<String, INDArray> stateDict) {
        this.network = network;
        this.convolutions = FoldedConvolutions.of(network, stateDict, true);
    }

    /** Bytes of the buffers a batch of NCHW {@code shape} needs, from its plan alone. */
    static long bufferBytes(NetworkDefinition network, long[] shape) {
        Layout layout = layout(network, shape);
        return Float.BYTES * (layout.totalElements() + layout.resizeInputElements() + layout.resizeOutputElements());
    }

    @Override
    public List<INDArray> output(INDArray batch, OpTimes times) {
        long[] shape = batch.shape();
        BoundPlan plan = plans.get(shape);
        if (plan == null) {
            Layout layout = layout(network, shape);
            boolean grown = arena.reserve(layout.totalElements());
            grown |= resizeInput.reserve(layout.resizeInputElements());
            grown |= resizeOutput.reserve(layout.resizeOutputElements());
            if (grown) {
                plans.clear();
            }
            plan = bind(layout);
            plans.put(shape, plan);
            binds++;
        }
        return plan.run(batch, times);
    }

    @Override
    public ExecutorMemory memory() {
        return new ExecutorMemory(arena.bytes() + resizeInput.bytes() + resizeOutput.bytes(), plans.size(), binds);
    }

    private static Layout layout(NetworkDefinition network, long[] shape) {
        return Layout.of(ExecutionPlan.record(network,
                new FeatureShape((int) shape[1], (int) shape[2], (int) shape[3])), shape[0]);
    }

    /** Buffers of the bound plan for {@code shape}, for tests: how many and how big (views of the arena). */
    List<INDArray> buffers(long[] shape) {
        return plans.get(shape).buffers;
    }

    @Override
    public void close() {
        plans.clear();
        arena.close();
        resizeInput.close();
        resizeOutput.close();
        FoldedConvolutions.arrays(convolutions).forEach(INDArray::close);
    }

    /**
     * Where each tensor of a plan lives: tensors share a buffer once the earlier one is dead (ReLU
     * and sums in place), buffers laid out one after another from offset 0 of the arena; and the
     * largest input and output of a bilinear resize, which run in buffers of their own.
     */
    private record Layout(ExecutionPlan plan, long batch, int[] bufferOf, long[] offsets, long[] lengths,
                          long totalElements, long resizeInputElements, long resizeOutputElements) {

        static Layout of(ExecutionPlan plan, long batch) {
            int[] bufferOf = new int[plan.tensors()];
            List<Long> lengths = new ArrayList<>();
            Map<Long, Deque<Integer>> free = new HashMap<>();
            lengths.add(DirectExecutor.elements(plan.shape(ExecutionPlan.INPUT), batch));
            bufferOf[ExecutionPlan.INPUT] = 0;
            List<Step> steps = plan.steps();
            for (int s = 0; s < steps.size(); s++) {
                Step step = steps.get(s);
                int inPlace = inPlaceInput(plan, step, s);
                if (inPlace >= 0) {
                    bufferOf[step.output()] = bufferOf[inPlace];
                } else {
                    long elements = DirectExecutor.elements(plan.shape(step.output()), batch);
                    Deque<Integer> pool = free.get(elements);
                    if (pool == null || pool.isEmpty()) {
                        bufferOf[step.output()] = lengths.size();
                        lengths.add(elements);
                    } else {
                        bufferOf[step.output()] = pool.pop();
                    }
                }
                for (int input : Arrays.stream(step.inputs()).distinct().toArray()) {
                    if (plan.lastUse(input) == s && input != inPlace) {
                        int buffer = bufferOf[input];
                        free.computeIfAbsent(lengths.get(buffer), k -> new ArrayDeque<>()).push(buffer);
                    }
                }
            }
            long resizeIn = 0;
            long resizeOut = 0;
            for (Step step : steps) {
                if (step.kind() == Kind.RESIZE) {
                    resizeIn = Math.max(resizeIn, DirectExecutor.elements(plan.shape(step.inputs()[0]), batch));
                    resizeOut = Math.max(resizeOut, DirectExecutor.elements(plan.shape(step.output()), batch));
                }
            }
            long[] offsets = new long[lengths.size()];
            long total = 0;
            for (int b = 0; b < offsets.length; b++) {
                offsets[b] = total;
                total += BufferArena.aligned(lengths.get(b));
            }
            return new Layout(plan, batch, bufferOf, offsets, lengths.stream().mapToLong(Long::longValue).toArray(),
                    total, resizeIn, resizeOut);
        }
    }

    private BoundPlan bind(Layout layout) {
        ExecutionPlan plan = layout.plan();
        INDArray[] tensor = new INDArray[plan.tensors()];
        tensor[ExecutionPlan.INPUT] = nhwc(layout, ExecutionPlan.INPUT);
        List<INDArray> buffers = new ArrayList<>();
        for (int b = 0; b < layout.offsets().length; b++) {
            buffers.add(arena.view(layout.offsets()[b], layout.lengths()[b]));
        }
        List<Runnable> ops = new ArrayList<>();
        List<String> opNames = new ArrayList<>();
        for (Step step : plan.steps()) {
            FeatureShape shape = plan.shape(step.output());
            tensor[step.output()] = nhwc(layout, step.output());
            INDArray out = tensor[step.output()];
            switch (step.kind()) {
                case CONVOLUTION -> {
                    FoldedConvolution conv = convolutions.get(step.name());
                    CustomOp op = new Conv2D(new INDArray[] {tensor[step.inputs()[0]], conv.weight(), conv.bias()},
                            new INDArray[] {out}, ConvolutionConfig.of(step.kernel(), step.stride(), true));
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("conv2d");
                }
                case DECONVOLUTION -> {
                    FoldedConvolution deconv = convolutions.get(step.name());
                    CustomOp op = new DeConv2D(new INDArray[] {tensor[step.inputs()[0]], deconv.weight(),
                        deconv.bias()}, new INDArray[] {out}, ConvolutionConfig.transposed(step.kernel(), true));
                    ops.add(() -> Nd4j.exec(op));
                    opNames.add("deconv2d");
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
                    INDArray in = tensor[step.inputs()[0]];
                    INDArray stagedIn = resizeInput.view(0, in.shape());
                    INDArray stagedOut = resizeOutput.view(0, out.shape());
                    CustomOp op = new ResizeBilinear(stagedIn, stagedOut, shape.height(), shape.width(),
                            step.alignCorners(), !step.alignCorners());
                    ops.add(() -> {
                        stagedIn.assign(in);
                        Nd4j.exec(op);
                        out.assign(stagedOut);
                    });
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

    /** Tensor {@code id} as an NHWC view of its buffer in the arena. */
    private INDArray nhwc(Layout layout, int id) {
        FeatureShape shape = layout.plan().shape(id);
        return arena.view(layout.offsets()[layout.bufferOf()[id]], layout.batch(), shape.height(), shape.width(),
                shape.channels());
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
