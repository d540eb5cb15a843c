package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void devicesAreListed() {
        assertEquals("  devices: cpu" + System.lineSeparator(), RunSummary.devices(List.of("cpu")));
        assertEquals("  devices: gpu:0, gpu:1" + System.lineSeparator(), RunSummary.devices(List.of("gpu:0", "gpu:1")));
    }

    @Test
    void gpusLeftIdleByTheCpuBackendAreAWarningInTheSummary() {
        String lines = RunSummary.devices(List.of("gpu:0 (ND4J CPU backend)"));
        assertTrue(lines.startsWith("  devices: gpu:0 (ND4J CPU backend)" + System.lineSeparator()
                + "  WARNING: Spark gave this run's tasks GPUs, but they computed on the CPU because hrnet-spark.jar was"
                + " built without the CUDA backend; rebuild it with mvn -B -Pcuda -DskipTests package."), lines);
    }
}
