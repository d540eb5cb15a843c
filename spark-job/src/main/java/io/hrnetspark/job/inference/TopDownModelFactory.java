package io.hrnetspark.job.inference;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.config.TopDownTestConfig;
import io.hrnetspark.model.net.ParameterLayout;
import io.hrnetspark.model.net.StateDictMatch;
import io.hrnetspark.model.net.TopDownPoseNetwork;
import io.hrnetspark.model.pose.TopDownPoseEstimator;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production pose models: {@link TopDownPoseEstimator}s built from an official experiment YAML
 * and checkpoint (or seeded random weights).
 */
public final class TopDownModelFactory implements PoseModelFactory {

    @Override
    public ModelSettings validate(String configName, String configYaml, byte[] weights, String weightsName) {
        TopDownPoseConfig config = config(configName, configYaml);
        TopDownTestConfig test = config.test();
        if (test.softNms()) {
            throw new InvalidInputException("Config " + configName
                    + " sets TEST.SOFT_NMS true, but only hard OKS-NMS is implemented: set it to false.");
        }
        if (weights != null) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            TorchCheckpoint.load(weights, weightsName).asMap().forEach((key, tensor) -> shapes.put(key, tensor.shape()));
            StateDictMatch.of(ParameterLayout.of(new TopDownPoseNetwork(config)), shapes)
                    .requireMatch(weightsName, "config " + configName);
        }
        return new ModelSettings(test.flipTest(), test.inVisThreshold(), test.oksThreshold(), test.imageThreshold(),
                config.model().numJoints());
    }

    @Override
    public PoseBatchModel<?, ?> create(ModelSpec spec, Device device) {
        StateDict weights = spec.randomWeights() ? null : TorchCheckpoint.load(spec.weights(), spec.weightsName());
        return new EstimatorPoseModel(TopDownPoseEstimator.create(config(spec.configName(), spec.configYaml()),
                weights, spec.flipTest(), spec.precision()));
    }

    private static TopDownPoseConfig config(String configName, String configYaml) {
        ExperimentConfig config = ExperimentConfigReader.read(configYaml.getBytes(StandardCharsets.UTF_8),
                Path.of(configName));
        if (!(config instanceof TopDownPoseConfig topDown)) {
            throw new InvalidInputException("Config " + configName + " is a " + config.modelName()
                    + " experiment; annotate runs top-down pose experiments (MODEL.NAME pose_hrnet).");
        }
        return topDown;
    }
}
