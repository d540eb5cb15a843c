package io.hrnetspark.job.inference;

import io.hrnetspark.model.InvalidInputException;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;

/** Where a network runs: the CPU or one GPU by its CUDA device index. */
public record Device(int gpuIndex) implements Serializable {

    public static final Device CPU = new Device(-1);

    /** Spark's name of the GPU resource ({@code spark.task.resource.gpu.amount}). */
    public static final String GPU_RESOURCE = "gpu";

    public static Device gpu(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0: " + index);
        }
        return new Device(index);
    }

    /**
     * The device Spark assigned to a task: its first GPU address when the task holds GPUs
     * ({@code TaskContext.resourcesJMap()}), else the CPU.
     */
    public static Device assigned(Map<String, ResourceInformation> taskResources) {
        ResourceInformation gpus = taskResources.get(GPU_RESOURCE);
        if (gpus == null || gpus.addresses().length == 0) {
            return CPU;
        }
        String address = gpus.addresses()[0];
        try {
            return gpu(Integer.parseInt(address.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Spark assigned GPU address '" + address
                    + "', which is not a CUDA device index; make the GPU discovery script print indices such as \"0\".", e);
        }
    }

    public boolean isGpu() {
        return gpuIndex >= 0;
    }

    @Override
    public String toString() {
        return isGpu() ? "gpu:" + gpuIndex : "cpu";
    }
}
