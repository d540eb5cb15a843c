package io.hrnetspark.job.inference;

import io.hrnetspark.model.predict.BatchPredictor;
import java.io.Serializable;

/** Builds the predictors of annotate on executors; shipped with every task, so it holds no state. */
public interface PredictorFactory extends Serializable {

    /**
     * Checks a config and weights on the driver before any Spark work, and returns the config's head
     * and test settings: a config no head can use, or weights that do not fit its network, throw
     * {@code InvalidInputException}.
     *
     * @param weights the checkpoint bytes, or null for random weights
     */
    ModelSettings validate(String configName, String configYaml, byte[] weights, String weightsName);

    /**
     * Builds the predictor of a spec on a device (the calling thread is already bound to it): a
     * {@code BatchPredictor<ImageBoxes, List<TopDownPerson>>}, {@code BatchPredictor<RgbImage,
     * List<BottomUpPose>>} or {@code BatchPredictor<RgbImage, LabelMap>} as {@link #validate} gave the head.
     */
    BatchPredictor<?, ?> create(ModelSpec spec, Device device);
}
