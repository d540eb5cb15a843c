package io.hrnetspark.job.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class DeviceBinderTest {

    /** Records bind calls instead of talking to CUDA. */
    private static final class RecordingBackend implements GpuBackend {
        final boolean cuda;
        final List<GpuInfo> gpus;
        final List<String> bound = new ArrayList<>();

        RecordingBackend(boolean cuda, List<GpuInfo> gpus) {
            this.cuda = cuda;
            this.gpus = gpus;
        }

        @Override
        public boolean isCuda() {
            return cuda;
        }

        @Override
        public List<GpuInfo> gpus() {
            return gpus;
        }

        @Override
        public void bindCurrentThread(int gpuIndex) {
            bound.add(Thread.currentThread().getName() + "->" + gpuIndex);
        }
    }

    private static final GpuInfo T4 = new GpuInfo(0, "Tesla T4", 7, 5);
    private static final GpuInfo A100 = new GpuInfo(1, "NVIDIA A100-SXM4-40GB", 8, 0);
    private static final GpuInfo H100 = new GpuInfo(2, "NVIDIA H100 80GB HBM3", 9, 0);

    @Test
    void taskResourcesGiveTheDevice() {
        assertEquals(Device.CPU, Device.assigned(Map.of()));
        assertEquals(Device.gpu(1), Device.assigned(Map.of("gpu", new ResourceInformation("gpu", new String[] {"1"}))));
        assertEquals(Device.CPU, Device.assigned(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))));
        assertEquals("gpu:1", Device.gpu(1).toString());
        assertEquals("cpu", Device.CPU.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Device.assigned(Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-5f2e"}))));
        assertEquals("Spark assigned GPU address 'GPU-5f2e', which is not a CUDA device index; make the GPU discovery"
                + " script print indices such as \"0\".", e.getMessage());
    }

    @Test
    void gpuTasksBindTheirThreadOnCuda() {
        RecordingBackend backend = new RecordingBackend(true, List.of(T4, A100));
        DeviceBinder binder = new DeviceBinder(backend);
        assertEquals(Device.gpu(1), binder.bind(Device.gpu(1)));
        assertEquals(Device.CPU, binder.bind(Device.CPU));
        assertEquals(List.of(Thread.currentThread().getName() + "->1"), backend.bound);
    }

    @Test
    void gpuTasksOnTheCpuBackendComputeOnTheCpu() {
        RecordingBackend backend = new RecordingBackend(false, List.of());
        assertEquals(Device.CPU, new DeviceBinder(backend).bind(Device.gpu(0)));
        assertTrue(backend.bound.isEmpty());
    }

    @Test
    void hopperIsRefusedBeforeAnyKernelRuns() {
        RecordingBackend backend = new RecordingBackend(true, List.of(T4, A100, H100));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DeviceBinder(backend).bind(Device.gpu(2)));
        assertEquals("GPU 2 (NVIDIA H100 80GB HBM3) has compute capability 9.0, but ND4J's CUDA 11.6 build runs"
                + " Kepler..Ampere GPUs only (compute capability 3.7 to 8.6), not Hopper or newer; run on an Ampere or"
                + " older GPU or on CPU executors.", e.getMessage());
        assertTrue(backend.bound.isEmpty());
        assertTrue(GpuSupport.supported(new GpuInfo(0, "RTX 3090", 8, 6)));
        assertTrue(!GpuSupport.supported(new GpuInfo(0, "B200", 10, 0)));
    }

    @Test
    void anAddressBeyondTheVisibleDevicesIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DeviceBinder(new RecordingBackend(true, List.of(T4))).bind(Device.gpu(3)));
        assertEquals("Spark assigned gpu:3 but ND4J sees 1 CUDA device(s); make the GPU discovery script report the"
                + " devices this executor can use.", e.getMessage());
    }

    @Test
    void thisBuildsNd4jBackendIsTheCpu() {
        assertTrue(!new Nd4jGpuBackend().isCuda());
    }

    @Test
    void nd4jEnvironmentInformationListsTheGpus() {
        Properties environment = new Properties();
        environment.put("backend", "CUDA");
        environment.put("cuda.devicesInformation", List.of(
                Map.of("cuda.deviceName", "Tesla V100", "cuda.deviceMajor", 7L, "cuda.deviceMinor", 0L),
                Map.of("cuda.deviceName", "NVIDIA H200", "cuda.deviceMajor", 9, "cuda.deviceMinor", "0")));
        assertEquals(List.of(new GpuInfo(0, "Tesla V100", 7, 0), new GpuInfo(1, "NVIDIA H200", 9, 0)),
                GpuSupport.fromEnvironment(environment));
        assertEquals(List.of(), GpuSupport.fromEnvironment(new Properties()));
    }
}
