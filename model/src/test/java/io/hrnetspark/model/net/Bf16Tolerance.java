package io.hrnetspark.model.net;

import io.hrnetspark.model.net.ExecutionPlan.Kind;
import io.hrnetspark.model.net.FusedPlan.Op;
import java.util.Arrays;

/**
 * How far bf16 outputs may be from float32 ones, derived from bfloat16's 8-bit significand: each
 * rounding to bfloat16 (round to nearest even) changes a value by at most u = 2^-8 of its magnitude.
 * Along a path through the network the values are rounded D times: the input once; per (transposed)
 * convolution the weights once and its output once (not when the output is a float32 network output);
 * per bilinear resize, sum or standalone add its output once; nearest upsampling, ReLU and concatenation
 * copy bfloat16 values exactly. To first order the relative errors of the roundings on a path add up,
 * and since BatchNorm keeps the feature maps at the scale of the outputs, an output differs from its
 * float32 value by at most D * u * max|output|, D the largest count over the paths reaching it.
 */
final class Bf16Tolerance {

    /** bfloat16's unit roundoff: 8 significant bits, round to nearest. */
    static final double UNIT_ROUNDOFF = 0x1p-8;

    private Bf16Tolerance() {
    }

    /** D for each output of {@code plan}, in output order. */
    static int[] roundings(ExecutionPlan plan) {
        FusedPlan fused = FusedPlan.of(plan);
        int[] depth = new int[plan.tensors()];
        depth[ExecutionPlan.INPUT] = 1;
        boolean[] isOutput = new boolean[plan.tensors()];
        for (int output : plan.outputs()) {
            isOutput[output] = true;
        }
        for (Op op : fused.ops()) {
            int before = Arrays.stream(op.reads()).map(t -> depth[t]).max().orElse(0);
            Kind kind = op.step().kind();
            boolean weights = kind == Kind.CONVOLUTION || kind == Kind.DECONVOLUTION;
            boolean newValues = weights || kind == Kind.RESIZE || kind == Kind.ADD || op.accumulator() >= 0;
            boolean roundedOutput = newValues && !(weights && isOutput[op.output()]);
            depth[op.output()] = before + (weights ? 1 : 0) + (roundedOutput ? 1 : 0);
        }
        return Arrays.stream(plan.outputs()).map(t -> depth[t]).toArray();
    }

    /** The largest |bf16 - float32| allowed for an output with D roundings and float32 values up to {@code maxAbs}. */
    static double of(int roundings, double maxAbs) {
        return roundings * UNIT_ROUNDOFF * maxAbs;
    }
}
