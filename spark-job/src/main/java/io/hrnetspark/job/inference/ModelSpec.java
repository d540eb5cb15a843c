package io.hrnetspark.job.inference;

import io.hrnetspark.model.net.Precision;
import java.io.Serializable;

/**
 * Everything an executor needs to build the network of a run; broadcast once per run, read on an
 * executor only when its first task there builds the network.
 *
 * @param configName   the config file as given (for messages)
 * @param configYaml   the official experiment YAML as given
 * @param weights      the checkpoint bytes, or null for random weights
 * @param weightsName  the checkpoint file as given (for messages), or null
 * @param flipTest     whether to average with the horizontally flipped crop
 * @param precision    the arithmetic of the network's convolutions
 */
public record ModelSpec(String configName, String configYaml, byte[] weights, String weightsName, boolean flipTest,
                        Precision precision) implements Serializable {

    public boolean randomWeights() {
        return weights == null;
    }
}
