package io.hrnetspark.job.annotate;

import io.hrnetspark.job.inference.ModelKey;
import io.hrnetspark.job.inference.ModelSettings;
import io.hrnetspark.job.inference.ModelSpec;
import io.hrnetspark.job.inference.PoseModelFactory;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network of a run, read and checked on the driver: config and weights (through Hadoop, so they
 * may be local or remote), the config's test settings, the spec executors build from, its cache key
 * and the model id written with every row.
 *
 * @param weightsSha256 SHA-256 of the checkpoint file, null with random weights
 */
public record RunModel(ModelSpec spec, ModelKey key, ModelSettings settings, String modelId, String weightsSha256) {

    private static final Logger LOG = LoggerFactory.getLogger(RunModel.class);

    /** Reads and checks config and weights; a missing file or unusable config is an InvalidInputException. */
    public static RunModel load(HadoopStorage storage, PoseModelFactory factory, AnnotateOptions options) {
        String configYaml = new String(read(storage, options.config(), "Config file", "--config"),
                StandardCharsets.UTF_8);
        byte[] weights = options.weights().map(w -> read(storage, w, "Weights file", "--weights")).orElse(null);
        String configName = new Path(options.config()).getName();
        String weightsName = options.weights().orElse(null);
        ModelSettings settings = factory.validate(options.config(), configYaml, weights, weightsName);
        String weightsSha256 = weights == null ? null : TorchCheckpoint.sha256(weights);
        if (weights == null) {
            LOG.warn("Running with random weights (--random-weights): the keypoints are meaningless; "
                    + "pass --weights with an official checkpoint for real results.");
        }
        boolean flip = options.flip().orElse(settings.flipTest());
        String modelId = options.modelId().orElseGet(() -> ModelIdentity.defaultModelId(configName, weightsSha256));
        ModelSpec spec = new ModelSpec(options.config(), configYaml, weights, weightsName, flip, options.precision());
        ModelKey key = new ModelKey(ModelIdentity.sha256(configYaml),
                weightsSha256 == null ? ModelIdentity.RANDOM : weightsSha256, flip, options.precision());
        return new RunModel(spec, key, settings, modelId, weightsSha256);
    }

    public boolean flipTest() {
        return spec.flipTest();
    }

    private static byte[] read(HadoopStorage storage, String location, String what, String option) {
        try {
            return storage.readAll(storage.driverFile(location));
        } catch (FileNotFoundException e) {
            throw new InvalidInputException(what + " " + location + " does not exist; check " + option + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }
}
