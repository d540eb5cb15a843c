package io.hrnetspark.job.inference;

/** A CUDA device as ND4J reports it: index, name and compute capability. */
public record GpuInfo(int index, String name, int major, int minor) {

    public String capability() {
        return major + "." + minor;
    }
}
