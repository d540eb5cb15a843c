package io.hrnetspark.job.inference;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.config.TopDownTestConfig;
import io.hrnetspark.model.net.HigherHrnetNetwork;
import io.hrnetspark.model.net.NetworkDefinition;
import io.hrnetspark.model.net.ParameterLayout;
import io.hrnetspark.model.net.SegmentationNetwork;
import io.hrnetspark.model.net.StateDictMatch;
import io.hrnetspark.model.net.TopDownPoseNetwork;
import io.hrnetspark.model.pose.BottomUpPoseEstimator;
import io.hrnetspark.model.pose.TopDownPoseEstimator;
import io.hrnetspark.model.predict.BatchPredictor;
import io.hrnetspark.model.seg.SemanticSegmenter;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production predictors, built from an official experiment YAML and checkpoint (or seeded random
 * weights): a {@link TopDownPoseEstimator} for {@code pose_hrnet}, a {@link BottomUpPoseEstimator}
 * for {@code pose_higher_hrnet}, a {@link SemanticSegmenter} for {@code seg_hrnet}.
 */
public final class HrnetPredictorFactory implements PredictorFactory {

    @Override
    public ModelSettings validate(String configName, String configYaml, byte[] weights, String weightsName) {
        ExperimentConfig config = config(configName, configYaml);
        ModelSettings settings;
        NetworkDefinition network;
        if (config instanceof TopDownPoseConfig topDown) {
            TopDownTestConfig test = topDown.test();
            if (test.softNms()) {
                throw new InvalidInputException("Config " + configName
                        + " sets TEST.SOFT_NMS true, but only hard OKS-NMS is implemented: set it to false.");
            }
            settings = ModelSettings.topDown(test.flipTest(), test.inVisThreshold(), test.oksThreshold(),
                    test.imageThreshold(), topDown.model().numJoints(),
                    TopDownPoseEstimator.keypointSpec(topDown).name());
            network = new TopDownPoseNetwork(topDown);
        } else if (config instanceof BottomUpPoseConfig bottomUp) {
            settings = new ModelSettings(AnnotationHead.BOTTOM_UP, bottomUp.test().flipTest(), null, null, null,
                    bottomUp.model().numJoints(), BottomUpPoseEstimator.keypointSpec(bottomUp).name());
            network = new HigherHrnetNetwork(bottomUp);
        } else {
            SegmentationConfig segmentation = (SegmentationConfig) config;
            settings = new ModelSettings(AnnotationHead.SEGMENTATION, segmentation.test().flipTest(), null, null,
                    null, 0, SemanticSegmenter.classes(segmentation).name());
            network = new SegmentationNetwork(segmentation);
        }
        if (weights != null) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            TorchCheckpoint.load(weights, weightsName).asMap().forEach((key, tensor) -> shapes.put(key, tensor.shape()));
            StateDictMatch.of(ParameterLayout.of(network), shapes).requireMatch(weightsName, "config " + configName);
        }
        return settings;
    }

    @Override
    public BatchPredictor<?, ?> create(ModelSpec spec, Device device) {
        StateDict weights = spec.randomWeights() ? null : TorchCheckpoint.load(spec.weights(), spec.weightsName());
        ExperimentConfig config = config(spec.configName(), spec.configYaml());
        if (config instanceof TopDownPoseConfig topDown) {
            return TopDownPoseEstimator.create(topDown, weights, spec.flipTest(), spec.precision());
        }
        if (config instanceof BottomUpPoseConfig bottomUp) {
            return BottomUpPoseEstimator.create(bottomUp, weights, spec.flipTest(), spec.precision());
        }
        return SemanticSegmenter.create((SegmentationConfig) config, weights, spec.precision());
    }

    private static ExperimentConfig config(String configName, String configYaml) {
        return ExperimentConfigReader.read(configYaml.getBytes(StandardCharsets.UTF_8), Path.of(configName));
    }
}
