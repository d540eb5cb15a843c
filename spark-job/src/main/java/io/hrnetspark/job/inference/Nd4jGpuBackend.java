package io.hrnetspark.job.inference;

import java.util.List;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's device calls; on the CPU backend only {@link #isCuda()} is ever called. */
public final class Nd4jGpuBackend implements GpuBackend {

    private volatile Properties environment;

    @Override
    public boolean isCuda() {
        return "CUDA".equalsIgnoreCase(String.valueOf(environment().get("backend")));
    }

    @Override
    public List<GpuInfo> gpus() {
        return GpuSupport.fromEnvironment(environment());
    }

    @Override
    public void bindCurrentThread(int gpuIndex) {
        Nd4j.getAffinityManager().unsafeSetDevice(gpuIndex);
    }

    private Properties environment() {
        if (environment == null) {
            environment = Nd4j.getExecutioner().getEnvironmentInformation();
        }
        return environment;
    }
}
