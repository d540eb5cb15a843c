package io.hrnetspark.model.net;

/**
 * The arithmetic a network runs in. Whatever the precision, inputs and outputs are float32 and
 * everything before and after the network (crops, decoding) stays float32.
 */
public enum Precision {

    /** float32 throughout: the official outputs within float32 rounding. The default. */
    FP32,

    /**
     * bfloat16 weights and feature maps with float32 accumulation, BatchNorm folded in float64, the
     * outputs written in float32; about twice the convolution throughput of float32 on CPUs with
     * AVX512-BF16 or AMX, at bfloat16's 8-bit significand. Runs through oneDNN
     * ({@link InferenceNetwork.ExecutionMode#ONEDNN}); CPU only.
     */
    BF16
}
