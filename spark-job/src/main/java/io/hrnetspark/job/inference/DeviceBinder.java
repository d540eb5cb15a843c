package io.hrnetspark.job.inference;

import io.hrnetspark.model.InvalidInputException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds threads to the device Spark assigned: a GPU task's threads compute on that GPU (after
 * checking ND4J supports it); CPU tasks, and GPU tasks on a CPU-only backend, stay on the CPU.
 */
public final class DeviceBinder {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceBinder.class);
    private static final DeviceBinder ND4J = new DeviceBinder(new Nd4jGpuBackend());

    private final GpuBackend backend;
    private final AtomicBoolean warnedCpuBackend = new AtomicBoolean();

    public DeviceBinder(GpuBackend backend) {
        this.backend = backend;
    }

    /** The binder of this JVM's ND4J backend. */
    public static DeviceBinder nd4j() {
        return ND4J;
    }

    /** Binds the calling thread to the device; returns the device the thread actually computes on. */
    public Device bind(Device device) {
        if (!device.isGpu()) {
            return Device.CPU;
        }
        if (!backend.isCuda()) {
            if (warnedCpuBackend.compareAndSet(false, true)) {
                LOG.warn("Spark assigned {} to this executor's tasks, but ND4J runs its CPU backend here; "
                        + "build hrnet-spark with -Pcuda to compute on the GPU.", device);
            }
            return Device.CPU;
        }
        List<GpuInfo> gpus = backend.gpus();
        if (device.gpuIndex() >= gpus.size()) {
            throw new InvalidInputException("Spark assigned " + device + " but ND4J sees " + gpus.size()
                    + " CUDA device(s); make the GPU discovery script report the devices this executor can use.");
        }
        GpuSupport.requireSupported(gpus.get(device.gpuIndex()));
        backend.bindCurrentThread(device.gpuIndex());
        return device;
    }
}
