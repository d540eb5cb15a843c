package io.hrnetspark.model.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network description recorded as a flat list of steps over numbered tensors, with the step at
 * which each tensor is used for the last time: what {@link DirectExecutor} needs to run the network
 * op by op and reuse every buffer as soon as its tensor is dead. Tensor 0 is the input.
 */
final class ExecutionPlan {

    /** The kinds of step, one per {@link LayerOps} method (the three convolution kinds run the same way, folded). */
    enum Kind {
        CONVOLUTION, RELU, ADD, UPSAMPLE, RESIZE, CONCAT
    }

    /**
     * One op: {@code inputs} to {@code output} (tensor numbers); {@code name} is the convolution's,
     * {@code kernel}/{@code stride} its geometry, {@code factor} the upsampling factor,
     * {@code alignCorners} the bilinear resize's sampling (its target size is the output's shape).
     */
    record Step(Kind kind, int[] inputs, int output, String name, int kernel, int stride, int factor,
                boolean alignCorners) {
    }

    static final int INPUT = 0;

    private final List<Step> steps;
    private final List<FeatureShape> shapes;
    private final int[] outputs;
    private final int[] lastUse;

    private ExecutionPlan(List<Step> steps, List<FeatureShape> shapes, int[] outputs) {
        this.steps = List.copyOf(steps);
        this.shapes = List.copyOf(shapes);
        this.outputs = outputs.clone();
        this.lastUse = new int[shapes.size()];
        Arrays.fill(lastUse, -1);
        for (int s = 0; s < steps.size(); s++) {
            for (int input : steps.get(s).inputs()) {
                lastUse[input] = s;
            }
        }
        for (int output : outputs) {
            lastUse[output] = Integer.MAX_VALUE;
        }
    }

    /** The plan of {@code network} for one sample of the given input shape. */
    static ExecutionPlan record(NetworkDefinition network, FeatureShape input) {
        Recorder recorder = new Recorder(input);
        List<Integer> outputs = network.forward(recorder, INPUT);
        return new ExecutionPlan(recorder.steps, recorder.shapes,
                outputs.stream().mapToInt(Integer::intValue).toArray());
    }

    List<Step> steps() {
        return steps;
    }

    /** Per-sample shape of tensor {@code id}. */
    FeatureShape shape(int id) {
        return shapes.get(id);
    }

    int tensors() {
        return shapes.size();
    }

    int[] outputs() {
        return outputs.clone();
    }

    /** The last step that reads tensor {@code id} ({@link Integer#MAX_VALUE} for outputs, -1 if unread). */
    int lastUse(int id) {
        return lastUse[id];
    }

    /** Records each op as a step, tracking shapes with a {@link ShapeTracer}. */
    private static final class Recorder implements LayerOps<Integer> {

        private final ShapeTracer tracer = new ShapeTracer();
        private final List<Step> steps = new ArrayList<>();
        private final List<FeatureShape> shapes = new ArrayList<>();

        Recorder(FeatureShape input) {
            shapes.add(input);
        }

        @Override
        public Integer convBn(String conv, String bn, Integer x, int inChannels, int outChannels, int kernel,
                              int stride) {
            return step(Kind.CONVOLUTION, conv, kernel, stride, 0, false,
                    tracer.convBn(conv, bn, shapes.get(x), inChannels, outChannels, kernel, stride), x);
        }

        @Override
        public Integer convWithBias(String conv, Integer x, int inChannels, int outChannels, int kernel) {
            return step(Kind.CONVOLUTION, conv, kernel, 1, 0, false,
                    tracer.convWithBias(conv, shapes.get(x), inChannels, outChannels, kernel), x);
        }

        @Override
        public Integer convWithBiasBn(String conv, String bn, Integer x, int inChannels, int outChannels,
                                      int kernel) {
            return step(Kind.CONVOLUTION, conv, kernel, 1, 0, false,
                    tracer.convWithBiasBn(conv, bn, shapes.get(x), inChannels, outChannels, kernel), x);
        }

        @Override
        public Integer relu(Integer x) {
            return step(Kind.RELU, null, 0, 0, 0, false, shapes.get(x), x);
        }

        @Override
        public Integer add(Integer a, Integer b) {
            return step(Kind.ADD, null, 0, 0, 0, false, tracer.add(shapes.get(a), shapes.get(b)), a, b);
        }

        @Override
        public Integer upsampleNearest(Integer x, int factor) {
            return step(Kind.UPSAMPLE, null, 0, 0, factor, false, tracer.upsampleNearest(shapes.get(x), factor), x);
        }

        /** {@code like} only lends its shape, so it is not an input of the step. */
        @Override
        public Integer resizeBilinear(Integer x, Integer like, boolean alignCorners) {
            return step(Kind.RESIZE, null, 0, 0, 0, alignCorners,
                    tracer.resizeBilinear(shapes.get(x), shapes.get(like), alignCorners), x);
        }

        @Override
        public Integer concat(List<Integer> maps) {
            return step(Kind.CONCAT, null, 0, 0, 0, false, tracer.concat(maps.stream().map(shapes::get).toList()),
                    maps.stream().mapToInt(Integer::intValue).toArray());
        }

        private int step(Kind kind, String name, int kernel, int stride, int factor, boolean alignCorners,
                         FeatureShape shape, int... inputs) {
            int output = shapes.size();
            shapes.add(shape);
            steps.add(new Step(kind, inputs, output, name, kernel, stride, factor, alignCorners));
            return output;
        }
    }
}
