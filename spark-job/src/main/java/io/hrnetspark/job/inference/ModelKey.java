package io.hrnetspark.job.inference;

import io.hrnetspark.model.net.Precision;
import java.io.Serializable;

/**
 * Identifies a network independently of where it runs: equal keys build equal networks, so an executor
 * reuses a network across tasks and runs with the same key.
 *
 * @param configSha256  SHA-256 of the config YAML text
 * @param weightsSha256 SHA-256 of the checkpoint file, or "random"
 */
public record ModelKey(String configSha256, String weightsSha256, boolean flipTest, Precision precision)
        implements Serializable {
}
