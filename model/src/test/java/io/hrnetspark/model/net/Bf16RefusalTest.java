package io.hrnetspark.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.net.InferenceNetwork.ExecutionMode;
import org.bytedeco.dnnl.global.dnnl;
import org.junit.jupiter.api.Test;

/** bf16 needs bfloat16 arithmetic in the CPU; a CPU without it (simulated here) is refused in one sentence. */
class Bf16RefusalTest {

    @Test
    void cpuWithoutBf16IsRefusedNamingTheMissingInstructions() {
        CpuIsa skylake = CpuIsa.of(dnnl.dnnl_cpu_isa_avx512_core_vnni);
        InvalidInputException refusal = assertThrows(InvalidInputException.class,
                () -> InferenceNetwork.create(new TopDownPoseNetwork(PoseTinyFixture.config()),
                        PoseTinyFixture.weights(), "weights.npz", "config.yaml", ExecutionMode.DIRECT,
                        Precision.BF16, () -> skylake));
        assertEquals("bf16 precision needs a CPU with the avx512_bf16 or amx_bf16 instructions, and oneDNN finds "
                + "only avx512_core_vnni on this one: use fp32 precision.", refusal.getMessage());
    }

    @Test
    void oneDnnInstructionSetsTellBf16() {
        assertFalse(CpuIsa.of(dnnl.dnnl_cpu_isa_avx2).bf16());
        assertFalse(CpuIsa.of(dnnl.dnnl_cpu_isa_avx2_vnni).bf16());
        assertFalse(CpuIsa.of(dnnl.dnnl_cpu_isa_avx512_core).bf16());
        assertFalse(CpuIsa.of(dnnl.dnnl_cpu_isa_avx512_core_vnni).bf16());
        assertTrue(CpuIsa.of(dnnl.dnnl_cpu_isa_avx512_core_bf16).bf16());
        assertTrue(CpuIsa.of(dnnl.dnnl_cpu_isa_avx512_core_amx).bf16());
        assertEquals("avx2", CpuIsa.of(dnnl.dnnl_cpu_isa_avx2).name());
        assertEquals("avx512_core_amx", CpuIsa.of(dnnl.dnnl_cpu_isa_avx512_core_amx).name());
    }

    @Test
    void fp32NeedsNoBf16() {
        CpuIsa old = CpuIsa.of(dnnl.dnnl_cpu_isa_avx2);
        try (InferenceNetwork network = InferenceNetwork.create(new TopDownPoseNetwork(PoseTinyFixture.config()),
                PoseTinyFixture.weights(), "weights.npz", "config.yaml", ExecutionMode.DIRECT, Precision.FP32,
                () -> old)) {
            assertEquals(Precision.FP32, network.precision());
        }
    }

    @Test
    void bf16IsRefusedInSameDiffModes() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> InferenceNetwork.create(new TopDownPoseNetwork(PoseTinyFixture.config()),
                        PoseTinyFixture.weights(), "weights.npz", "config.yaml", ExecutionMode.SAMEDIFF,
                        Precision.BF16));
        assertEquals("bf16 precision runs in the ONEDNN (or default DIRECT) execution mode, not SAMEDIFF",
                refusal.getMessage());
    }
}
