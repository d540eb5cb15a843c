package io.hrnetspark.job.inference;

import java.io.Serializable;

/** Builds pose models on executors; shipped with every task, so it holds no state. */
public interface PoseModelFactory extends Serializable {

    /** The settings of a config; a config the model cannot use throws {@code InvalidInputException}. */
    ModelSettings settings(String configYaml);

    /** Builds the network of a spec on a device (the calling thread is already bound to it). */
    PoseBatchModel<?, ?> create(ModelSpec spec, Device device);
}
