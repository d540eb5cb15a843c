package io.hrnetspark.job.inference;

import java.util.List;

/** The calls that bind threads to CUDA devices; ND4J's in production ({@link Nd4jGpuBackend}). */
public interface GpuBackend {

    /** Whether the backend runs on CUDA devices at all. */
    boolean isCuda();

    /** The CUDA devices visible to this JVM, by index. */
    List<GpuInfo> gpus();

    /** Makes the calling thread allocate and compute on a device. */
    void bindCurrentThread(int gpuIndex);
}
