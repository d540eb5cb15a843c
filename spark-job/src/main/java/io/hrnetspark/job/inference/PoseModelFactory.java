package io.hrnetspark.job.inference;

import java.io.Serializable;

/** Builds pose models on executors; shipped with every task, so it holds no state. */
public interface PoseModelFactory extends Serializable {

    /**
     * Checks a config and weights on the driver before any Spark work, and returns the config's test
     * settings: a config the model cannot use, or weights that do not fit its network, throw
     * {@code InvalidInputException}.
     *
     * @param weights the checkpoint bytes, or null for random weights
     */
    ModelSettings validate(String configName, String configYaml, byte[] weights, String weightsName);

    /** Builds the network of a spec on a device (the calling thread is already bound to it). */
    PoseBatchModel<?, ?> create(ModelSpec spec, Device device);
}
