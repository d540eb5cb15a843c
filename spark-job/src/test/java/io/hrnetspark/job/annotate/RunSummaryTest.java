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

    @Test
    void imagesWithoutWorkSayWhyOnlyWhenThereAreSome() {
        assertEquals("0 without boxes", RunSummary.withoutWork(0, "gt"));
        assertEquals("9 without boxes (no non-crowd person with a labelled keypoint, the official test's rule;"
                + " --boxes gt-all takes every person box)", RunSummary.withoutWork(9, "gt"));
        assertEquals("1 without boxes (no person detection at or above the score threshold)",
                RunSummary.withoutWork(1, "detections"));
        assertEquals("0 without an image id", RunSummary.withoutWork(0, "none"));
    }

    @Test
    void oneChunkIsOneChunk() {
        assertEquals("1 chunk", RunSummary.chunks(1));
        assertEquals("3 chunks", RunSummary.chunks(3));
    }
}
