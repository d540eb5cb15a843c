package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkException;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.junit.jupiter.api.Test;

class CudaBuildProblemTest {

    @Test
    void aMissingCudaDriverOnTheDriverOrInATaskIsRecognised() {
        UnsatisfiedLinkError link = new UnsatisfiedLinkError("/tmp/javacpp/libjnicudart.so: libcuda.so.1: cannot open"
                + " shared object file: No such file or directory");
        assertTrue(CudaBuildProblem.causedBy(new ExceptionInInitializerError(link)));
        assertTrue(CudaBuildProblem.causedBy(new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0"
                + " failed 4 times, most recent failure: java.lang.RuntimeException:"
                + " org.nd4j.linalg.factory.Nd4jBackend$NoAvailableBackendException: cuda backend failed to load")));
    }

    @Test
    void otherFailuresAndTheCpuBuildsMissingBackendAreNot() {
        assertFalse(CudaBuildProblem.causedBy(new IllegalStateException("Task failed", new RuntimeException("disk full"))));
        assertFalse(CudaBuildProblem.causedBy(new RuntimeException(
                new Nd4jBackend.NoAvailableBackendException("Please ensure that you have an nd4j backend on your classpath."))));
    }
}
