package io.hrnetspark.model.net;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a built network on NCHW batches; one per {@link InferenceNetwork}. */
interface Executor extends AutoCloseable {

    /**
     * The outputs for a checked NCHW float32 batch, as new C-order arrays the caller owns.
     *
     * @param times if not null, receives the time of each op
     */
    List<INDArray> output(INDArray batch, OpTimes times);

    /** The feature-map buffers held and the plans bound so far. */
    default ExecutorMemory memory() {
        return ExecutorMemory.UNPLANNED;
    }

    /** Frees the native memory of weights and buffers. */
    @Override
    void close();
}
