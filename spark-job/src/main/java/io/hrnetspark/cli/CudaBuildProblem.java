package io.hrnetspark.cli;

import io.hrnetspark.job.inference.Nd4jGpuBackend;

/**
 * Recognises the CUDA build ({@code -Pcuda}) started where no NVIDIA driver is: ND4J then finds no backend
 * ({@code NoAvailableBackendException}, {@code libcuda.so.1: cannot open shared object file}), on the driver
 * or in an executor's task failure.
 */
final class CudaBuildProblem {

    static final String MESSAGE = "this is the CUDA build of hrnet-spark (built with -Pcuda) and it needs an NVIDIA"
            + " driver and GPU, which this machine lacks (libcuda.so.1 cannot be loaded); run it on GPU nodes, or build"
            + " without -Pcuda (mvn -B -DskipTests package) for CPUs.";

    private CudaBuildProblem() {
    }

    /** Whether {@code failure}, or anything it was caused by, is ND4J's CUDA backend failing to load. */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String text = t.getClass().getName() + ": " + t.getMessage();
            if (text.contains("libcuda.so") || text.contains("NoAvailableBackendException") && text.contains("cuda")
                    || t.getClass().getName().endsWith("NoAvailableBackendException") && Nd4jGpuBackend.cudaBuild()) {
                return true;
            }
        }
        return false;
    }

}
