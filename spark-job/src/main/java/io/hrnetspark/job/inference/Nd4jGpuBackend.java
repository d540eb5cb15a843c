package io.hrnetspark.job.inference;

import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's device calls. Whether the backend is CUDA is decided by the classes on the classpath (the
 * {@code cuda} build carries ND4J's CUDA backend), so CPU builds never load ND4J just to find out.
 */
public final class Nd4jGpuBackend implements GpuBackend {

    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final String CUDA_RUNTIME_CLASS = "org.bytedeco.cuda.global.cudart";

    private final boolean cuda = cudaBuild();

    /** Whether this build carries ND4J's CUDA backend ({@code -Pcuda}). */
    public static boolean cudaBuild() {
        return classPresent(CUDA_BACKEND_CLASS);
    }

    /**
     * Loads JavaCPP's CUDA runtime bindings, as ND4J's CUDA backend does first: an {@link UnsatisfiedLinkError}
     * naming {@code libcuda.so.1} where no NVIDIA driver is installed.
     */
    public static void loadCudaRuntime() {
        try {
            Class.forName(CUDA_RUNTIME_CLASS, true, Nd4jGpuBackend.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The CUDA build lacks " + CUDA_RUNTIME_CLASS, e);
        }
    }

    /** In the CUDA build, {@link #loadCudaRuntime}; nothing in a CPU build. */
    public static void requireCudaRuntimeInCudaBuild() {
        if (cudaBuild()) {
            loadCudaRuntime();
        }
    }

    @Override
    public boolean isCuda() {
        return cuda;
    }

    @Override
    public List<GpuInfo> gpus() {
        return GpuSupport.fromEnvironment(Nd4j.getExecutioner().getEnvironmentInformation());
    }

    @Override
    public void bindCurrentThread(int gpuIndex) {
        Nd4j.getAffinityManager().unsafeSetDevice(gpuIndex);
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, Nd4jGpuBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
