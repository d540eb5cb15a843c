package io.hrnetspark.model.net;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.ExecutionPlan.Step;
import io.hrnetspark.model.net.FusedPlan.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.deconvolution_forward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.resampling_forward;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN primitives of a {@link FusedPlan} for one input shape, bound once to planned buffers:
 * feature maps NHWC in the feature type (bfloat16 or float32), each buffer reused as soon as its tensor
 * is dead, a sum's accumulator overwritten in place when it dies at the sum (copied into the output
 * buffer first otherwise). Outputs of (transposed) convolutions that leave the network are written in
 * float32. Bilinear resizing with {@code align_corners=True}, which oneDNN lacks, runs in float32
 * through ND4J.
 */
final class OneDnnBoundPlan implements AutoCloseable {

    /** One op as run: its profile name, its arithmetic and the bytes it reads and writes. */
    private record BoundOp(String type, Runnable run, long multiplyAdds, long bytes) {
    }

    private final memory input;
    private final List<BoundOp> ops;
    private final memory[] outputs;
    private final List<BoundOp> outputOps;
    private final long[][] outputShapes;
    private final List<Pointer> natives;
    private final List<INDArray> arrays;
    private final int buffers;
    private final long bufferBytes;

    private OneDnnBoundPlan(Binder binder, memory input, memory[] outputs, List<BoundOp> outputOps,
                          long[][] outputShapes) {
        this.input = input;
        this.ops = List.copyOf(binder.ops);
        this.outputs = outputs;
        this.outputOps = outputOps;
        this.outputShapes = outputShapes;
        this.natives = binder.natives;
        this.arrays = binder.arrays;
        this.buffers = binder.buffers;
        this.bufferBytes = binder.bufferBytes;
    }

    /** Binds {@code network}'s fused plan for an NCHW input of shape {@code nchw}. */
    static OneDnnBoundPlan bind(NetworkDefinition network, long[] nchw, memory.data_type features,
                                OneDnnConvolutions convolutions, engine engine, stream stream) {
        FusedPlan fused = FusedPlan.of(ExecutionPlan.record(network,
                new FeatureShape((int) nchw[1], (int) nchw[2], (int) nchw[3])));
        Binder binder = new Binder(fused, nchw[0], features, convolutions, engine, stream);
        memory userInput = binder.keep(new memory(binder.nchw(fused.plan().shape(ExecutionPlan.INPUT)),
                engine, (Pointer) null));
        binder.reorder("reorder input", userInput, binder.readView[ExecutionPlan.INPUT]);
        List<Op> ops = fused.ops();
        for (int k = 0; k < ops.size(); k++) {
            binder.bind(k, ops.get(k));
        }
        int[] outputIds = fused.plan().outputs();
        memory[] outputs = new memory[outputIds.length];
        List<BoundOp> outputOps = new ArrayList<>();
        long[][] shapes = new long[outputIds.length][];
        for (int i = 0; i < outputIds.length; i++) {
            FeatureShape shape = fused.plan().shape(outputIds[i]);
            outputs[i] = binder.keep(new memory(binder.nchw(shape), engine, (Pointer) null));
            outputOps.add(binder.reorderOp("reorder output", binder.writtenView[outputIds[i]], outputs[i]));
            shapes[i] = new long[] {nchw[0], shape.channels(), shape.height(), shape.width()};
        }
        return new OneDnnBoundPlan(binder, userInput, outputs, outputOps, shapes);
    }

    /** The ops as run, by profile name, for tests. */
    List<String> opTypes() {
        return ops.stream().map(BoundOp::type).toList();
    }

    /** How many feature-map buffers the plan uses, for tests. */
    int buffers() {
        return buffers;
    }

    /** Bytes of the feature-map buffers. */
    long bufferBytes() {
        return bufferBytes;
    }

    /** How many ops a call runs (reorders included). */
    int ops() {
        return ops.size() + outputOps.size();
    }

    List<INDArray> run(INDArray nchw, OpTimes times) {
        INDArray dense = nchw.offset() == 0 && nchw.ordering() == 'c' && Shape.hasDefaultStridesForShape(nchw)
                ? nchw : nchw.dup('c');
        input.set_data_handle(dense.data().addressPointer());
        for (BoundOp op : ops) {
            run(op, times);
        }
        List<INDArray> results = new ArrayList<>(outputs.length);
        for (int i = 0; i < outputs.length; i++) {
            INDArray result = Nd4j.createUninitialized(DataType.FLOAT, outputShapes[i]);
            outputs[i].set_data_handle(result.data().addressPointer());
            run(outputOps.get(i), times);
            results.add(result);
        }
        return results;
    }

    private static void run(BoundOp op, OpTimes times) {
        long start = times == null ? 0 : System.nanoTime();
        op.run().run();
        if (times != null) {
            times.add(op.type(), System.nanoTime() - start, op.multiplyAdds(), op.bytes());
        }
    }

    @Override
    public void close() {
        for (int i = natives.size() - 1; i >= 0; i--) {
            natives.get(i).close();
        }
        natives.clear();
        arrays.forEach(INDArray::close);
        arrays.clear();
    }

    /** Creates the primitives and buffers op by op. */
    private static final class Binder {

        private final ExecutionPlan plan;
        private final long batch;
        private final memory.data_type features;
        private final OneDnnConvolutions convolutions;
        private final engine engine;
        private final stream stream;
        private final boolean[] isOutput;
        private final int[] lastRead;
        /** What readers of a tensor read (in the feature type) and the buffer under it. */
        private final memory[] readView;
        private final memory[] readBuffer;
        /** What the op producing a tensor wrote (float32 for network outputs of convolutions). */
        private final memory[] writtenView;
        private final memory[] writtenBuffer;
        private final Map<Long, Deque<memory>> free = new HashMap<>();
        private final List<BoundOp> ops = new ArrayList<>();
        private final List<Pointer> natives = new ArrayList<>();
        private final List<INDArray> arrays = new ArrayList<>();
        private int buffers;
        private long bufferBytes;

        Binder(FusedPlan fused, long batch, memory.data_type features, OneDnnConvolutions convolutions,
               engine engine, stream stream) {
            this.plan = fused.plan();
            this.batch = batch;
            this.features = features;
            this.convolutions = convolutions;
            this.engine = engine;
            this.stream = stream;
            int tensors = plan.tensors();
            isOutput = new boolean[tensors];
            for (int output : plan.outputs()) {
                isOutput[output] = true;
            }
            lastRead = new int[tensors];
            Arrays.fill(lastRead, -1);
            List<Op> ops = fused.ops();
            for (int k = 0; k < ops.size(); k++) {
                for (int read : ops.get(k).reads()) {
                    lastRead[read] = k;
                }
            }
            readView = new memory[tensors];
            readBuffer = new memory[tensors];
            writtenView = new memory[tensors];
            writtenBuffer = new memory[tensors];
            memory.desc input = nhwc(plan.shape(ExecutionPlan.INPUT), features);
            readBuffer[ExecutionPlan.INPUT] = take(input.get_size());
            readView[ExecutionPlan.INPUT] = view(input, readBuffer[ExecutionPlan.INPUT]);
        }

        void bind(int k, Op op) {
            Step step = op.step();
            int t = op.output();
            boolean float32Output = isOutput[t]
                    && (step.kind() == Kind.CONVOLUTION || step.kind() == Kind.DECONVOLUTION);
            boolean converts = float32Output && features != memory.data_type.f32;
            memory.desc desc = nhwc(plan.shape(t), float32Output ? memory.data_type.f32 : features);
            int inPlace = converts ? -1 : inPlaceTensor(k, op);
            memory buffer = inPlace >= 0 ? readBuffer[inPlace] : take(desc.get_size());
            memory out = view(desc, buffer);
            if (op.accumulator() >= 0 && inPlace != op.accumulator()) {
                reorder("copy sum operand", readView[op.accumulator()], out);
            }
            switch (step.kind()) {
                case CONVOLUTION, DECONVOLUTION -> convolution(op, out);
                case UPSAMPLE -> resampling(op, algorithm.resampling_nearest, "upsample", out);
                case RESIZE -> {
                    if (step.alignCorners()) {
                        resizeAlignCorners(step, out);
                    } else {
                        resampling(op, algorithm.resampling_linear, "resize_bilinear", out);
                    }
                }
                case ADD -> add(op, inPlace, out);
                case RELU -> relu(step, out);
                case CONCAT -> concat(step, desc, buffer);
            }
            writtenView[t] = out;
            writtenBuffer[t] = buffer;
            if (!converts) {
                readView[t] = out;
                readBuffer[t] = buffer;
            } else if (lastRead[t] >= 0) {
                memory.desc read = nhwc(plan.shape(t), features);
                readBuffer[t] = take(read.get_size());
                readView[t] = view(read, readBuffer[t]);
                reorder("reorder f32 output to bf16", out, readView[t]);
            }
            for (int read : Arrays.stream(op.reads()).distinct().toArray()) {
                boolean keptAsOutput = isOutput[read] && readBuffer[read] == writtenBuffer[read];
                if (lastRead[read] == k && read != inPlace && !keptAsOutput) {
                    free.computeIfAbsent(readBuffer[read].get_desc().get_size(), s -> new ArrayDeque<>())
                            .push(readBuffer[read]);
                }
            }
        }

        /**
         * The tensor whose buffer the op can overwrite: the sum's accumulator, the ReLU's input or one
         * operand of a standalone sum, if it dies at this op, leaves the network in no way and is not
         * also read otherwise by the op; -1 if none.
         */
        private int inPlaceTensor(int k, Op op) {
            int[] inputs = op.step().inputs();
            if (op.accumulator() >= 0) {
                int accumulator = op.accumulator();
                boolean alsoInput = Arrays.stream(inputs).anyMatch(i -> i == accumulator);
                return dies(accumulator, k) && !alsoInput ? accumulator : -1;
            }
            if (op.step().kind() == Kind.RELU) {
                return dies(inputs[0], k) ? inputs[0] : -1;
            }
            if (op.step().kind() == Kind.ADD && inputs[0] != inputs[1]) {
                return dies(inputs[0], k) ? inputs[0] : dies(inputs[1], k) ? inputs[1] : -1;
            }
            return -1;
        }

        private boolean dies(int tensor, int k) {
            return lastRead[tensor] == k && !isOutput[tensor];
        }

        private void convolution(Op op, memory out) {
            Step step = op.step();
            memory src = readView[step.inputs()[0]];
            FeatureShape in = plan.shape(step.inputs()[0]);
            FeatureShape shape = plan.shape(op.output());
            long k = step.kernel();
            boolean transposed = step.kind() == Kind.DECONVOLUTION;
            memory.desc anyWeights = keep(new memory.desc(new long[] {shape.channels(), in.channels(), k, k},
                    features, memory.format_tag.any));
            memory bias = convolutions.bias(step.name());
            primitive conv;
            memory.desc weightsDesc;
            try (primitive_attr attr = attributes(op)) {
                if (transposed) {
                    long padLeft = (k - 2) / 2;
                    long[] padRight = {k - 2 - padLeft, k - 2 - padLeft};
                    deconvolution_forward.primitive_desc deconv = keep(new deconvolution_forward.primitive_desc(
                            keep(new deconvolution_forward.desc(prop_kind.forward_inference,
                                    algorithm.deconvolution_direct, src.get_desc(), anyWeights, bias.get_desc(),
                                    out.get_desc(), new long[] {2, 2}, new long[] {padLeft, padLeft}, padRight)),
                            attr, engine));
                    weightsDesc = deconv.weights_desc();
                    conv = new deconvolution_forward(deconv);
                } else {
                    long pad = k / 2;
                    long stride = step.stride();
                    convolution_forward.primitive_desc forward = keep(new convolution_forward.primitive_desc(
                            keep(new convolution_forward.desc(prop_kind.forward_inference,
                                    algorithm.convolution_direct, src.get_desc(), anyWeights, bias.get_desc(),
                                    out.get_desc(), new long[] {stride, stride}, new long[] {pad, pad},
                                    new long[] {pad, pad})),
                            attr, engine));
                    weightsDesc = forward.weights_desc();
                    conv = new convolution_forward(forward);
                }
            }
            IntMemoryMap args = args(DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, convolutions.weights(step.name(),
                    keep(weightsDesc)), DNNL_ARG_BIAS, bias, DNNL_ARG_DST, out);
            long taps = shape.channels() * in.channels() * k * k;
            long macs = transposed ? batch * in.height() * in.width() * taps
                    : batch * shape.height() * shape.width() * taps;
            add((transposed ? "deconv2d" : "conv2d") + postOpSuffix(op), conv, args, macs,
                    src.get_desc().get_size() + outBytes(op, out));
        }

        private void resampling(Op op, algorithm algorithm, String type, memory out) {
            memory src = readView[op.step().inputs()[0]];
            resampling_forward.primitive_desc pd;
            try (primitive_attr attr = attributes(op)) {
                pd = keep(new resampling_forward.primitive_desc(keep(new resampling_forward.desc(
                        prop_kind.forward_inference, algorithm, src.get_desc(), out.get_desc())), attr, engine));
            }
            add(type + postOpSuffix(op), new resampling_forward(pd), args(DNNL_ARG_SRC, src, DNNL_ARG_DST, out), 0,
                    src.get_desc().get_size() + outBytes(op, out));
        }

        /** Bilinear resizing with {@code align_corners=True} in float32 through ND4J (oneDNN has only half-pixel). */
        private void resizeAlignCorners(Step step, memory out) {
            int x = step.inputs()[0];
            FeatureShape in = plan.shape(x);
            FeatureShape shape = plan.shape(step.output());
            INDArray from = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, in.height(), in.width(),
                    in.channels());
            INDArray to = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, shape.height(), shape.width(),
                    shape.channels());
            arrays.add(from);
            arrays.add(to);
            memory from32 = view(nhwc(in, memory.data_type.f32), from.data().addressPointer());
            memory to32 = view(nhwc(shape, memory.data_type.f32), to.data().addressPointer());
            reorder("resize_bilinear align_corners (f32)", readView[x], from32);
            ResizeBilinear resize = new ResizeBilinear(from, to, shape.height(), shape.width(), true, false);
            ops.add(new BoundOp("resize_bilinear align_corners (f32)", () -> Nd4j.exec(resize), 0,
                    from32.get_desc().get_size() + to32.get_desc().get_size()));
            reorder("resize_bilinear align_corners (f32)", to32, out);
        }

        private void add(Op op, int inPlace, memory out) {
            int[] inputs = op.step().inputs();
            // oneDNN computes a binary op in place when the destination is its first source.
            int first = inPlace == inputs[1] ? inputs[1] : inputs[0];
            int second = first == inputs[0] ? inputs[1] : inputs[0];
            memory a = readView[first];
            memory b = readView[second];
            binary.primitive_desc pd;
            try (primitive_attr attr = attributes(op)) {
                pd = keep(new binary.primitive_desc(keep(new binary.desc(algorithm.binary_add, a.get_desc(),
                        b.get_desc(), out.get_desc())), attr, engine));
            }
            add("add" + postOpSuffix(op), new binary(pd), args(DNNL_ARG_SRC_0, a, DNNL_ARG_SRC_1, b, DNNL_ARG_DST, out),
                    0, a.get_desc().get_size() + b.get_desc().get_size() + out.get_desc().get_size());
        }

        private void relu(Step step, memory out) {
            memory src = readView[step.inputs()[0]];
            eltwise_forward.primitive_desc pd = keep(new eltwise_forward.primitive_desc(keep(
                    new eltwise_forward.desc(prop_kind.forward_inference, algorithm.eltwise_relu, src.get_desc(),
                            0f, 0f)), engine));
            add("relu", new eltwise_forward(pd), args(DNNL_ARG_SRC, src, DNNL_ARG_DST, out), 0,
                    src.get_desc().get_size() + out.get_desc().get_size());
        }

        /** Each map reordered into its channel slice of the output. */
        private void concat(Step step, memory.desc desc, memory buffer) {
            long offset = 0;
            for (int input : step.inputs()) {
                FeatureShape shape = plan.shape(input);
                memory.desc slice = keep(desc.submemory_desc(
                        new long[] {batch, shape.channels(), shape.height(), shape.width()},
                        new long[] {0, offset, 0, 0}));
                reorder("concat", readView[input], view(slice, buffer));
                offset += shape.channels();
            }
        }

        private primitive_attr attributes(Op op) {
            primitive_attr attr = new primitive_attr();
            try (post_ops postOps = new post_ops()) {
                if (op.accumulator() >= 0) {
                    postOps.append_sum();
                }
                if (op.relu()) {
                    postOps.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
                }
                attr.set_post_ops(postOps);
            }
            return attr;
        }

        private static String postOpSuffix(Op op) {
            return (op.accumulator() >= 0 ? "+sum" : "") + (op.relu() ? "+relu" : "");
        }

        /** The bytes an op writes, and reads back for a sum. */
        private static long outBytes(Op op, memory out) {
            return out.get_desc().get_size() * (op.accumulator() >= 0 ? 2 : 1);
        }

        void reorder(String type, memory from, memory to) {
            ops.add(reorderOp(type, from, to));
        }

        BoundOp reorderOp(String type, memory from, memory to) {
            reorder reorder = keep(new reorder(from, to));
            IntMemoryMap args = args(DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
            return new BoundOp(type, () -> reorder.execute(stream, args), 0,
                    from.get_desc().get_size() + to.get_desc().get_size());
        }

        private void add(String type, primitive primitive, IntMemoryMap args, long multiplyAdds, long bytes) {
            keep(primitive);
            ops.add(new BoundOp(type, () -> primitive.execute(stream, args), multiplyAdds, bytes));
        }

        private IntMemoryMap args(Object... argsAndMemories) {
            IntMemoryMap args = keep(new IntMemoryMap());
            for (int i = 0; i < argsAndMemories.length; i += 2) {
                args.put((Integer) argsAndMemories[i], (memory) argsAndMemories[i + 1]);
            }
            return args;
        }

        /** A raw buffer of {@code bytes}, reused from a dead tensor's if one of that size is free. */
        private memory take(long bytes) {
            Deque<memory> pool = free.get(bytes);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
            buffers++;
            bufferBytes += bytes;
            return keep(new memory(keep(new memory.desc(new long[] {bytes}, memory.data_type.u8,
                    memory.format_tag.a)), engine));
        }

        private memory view(memory.desc desc, memory buffer) {
            return view(desc, buffer.get_data_handle());
        }

        private memory view(memory.desc desc, Pointer data) {
            return keep(new memory(desc, engine, data));
        }

        memory.desc nhwc(FeatureShape shape, memory.data_type type) {
            return keep(new memory.desc(new long[] {batch, shape.channels(), shape.height(), shape.width()}, type,
                    memory.format_tag.nhwc));
        }

        memory.desc nchw(FeatureShape shape) {
            return keep(new memory.desc(new long[] {batch, shape.channels(), shape.height(), shape.width()},
                    memory.data_type.f32, memory.format_tag.nchw));
        }

        <T extends Pointer> T keep(T pointer) {
            natives.add(pointer);
            return pointer;
        }
    }
}
