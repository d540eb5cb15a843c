package io.hrnetspark.model.net;

import io.hrnetspark.model.InvalidInputException;
import org.bytedeco.dnnl.global.dnnl;

/**
 * The instruction set oneDNN runs on this CPU (its effective ISA: what CPUID reports, capped by the
 * environment variable {@code ONEDNN_MAX_CPU_ISA} if set, e.g. {@code AVX512_CORE_VNNI} to see how a CPU
 * without bf16 is treated), and whether it has bfloat16 arithmetic.
 *
 * @param name oneDNN's name for it, e.g. {@code avx512_core_bf16}
 * @param bf16 whether it has AVX512-BF16 or AMX-BF16 (Intel Cooper Lake, Sapphire Rapids and later,
 *             AMD Zen 4 and later)
 */
public record CpuIsa(String name, boolean bf16) {

    /** What oneDNN finds on this machine. */
    public static CpuIsa detect() {
        OneDnnRuntime.load();
        return of(dnnl.dnnl_get_effective_cpu_isa());
    }

    /** The ISA of a {@code dnnl_cpu_isa_t} value. */
    static CpuIsa of(int dnnlIsa) {
        String name = switch (dnnlIsa) {
            case dnnl.dnnl_cpu_isa_sse41 -> "sse41";
            case dnnl.dnnl_cpu_isa_avx -> "avx";
            case dnnl.dnnl_cpu_isa_avx2 -> "avx2";
            case dnnl.dnnl_cpu_isa_avx2_vnni -> "avx2_vnni";
            case dnnl.dnnl_cpu_isa_avx512_mic -> "avx512_mic";
            case dnnl.dnnl_cpu_isa_avx512_mic_4ops -> "avx512_mic_4ops";
            case dnnl.dnnl_cpu_isa_avx512_core -> "avx512_core";
            case dnnl.dnnl_cpu_isa_avx512_core_vnni -> "avx512_core_vnni";
            case dnnl.dnnl_cpu_isa_avx512_core_bf16 -> "avx512_core_bf16";
            case dnnl.dnnl_cpu_isa_avx512_core_amx -> "avx512_core_amx";
            default -> "unknown (" + dnnlIsa + ")";
        };
        // oneDNN's ISA values are bit sets: each includes the bits of the sets it extends.
        boolean bf16 = (dnnlIsa & dnnl.dnnl_cpu_isa_avx512_core_bf16) == dnnl.dnnl_cpu_isa_avx512_core_bf16;
        return new CpuIsa(name, bf16);
    }

    /**
     * Refuses bf16 on a CPU without bfloat16 arithmetic (a Spark driver can check its executors' kind of
     * machine before starting a job).
     *
     * @throws InvalidInputException if this CPU cannot run bfloat16 arithmetic
     */
    public void requireBf16() {
        if (!bf16) {
            throw new InvalidInputException("bf16 precision needs a CPU with the avx512_bf16 or amx_bf16 "
                    + "instructions, and oneDNN finds only " + name + " on this one: use fp32 precision.");
        }
    }
}
