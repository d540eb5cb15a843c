package io.hrnetspark.model.net;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The higher-tiny fixture folder (tiny HigherHRNet with seeded weights) in the test resources. */
final class HigherTinyFixture {

    static final String FOLDER = "higher-tiny";

    private HigherTinyFixture() {
    }

    static Path file(String name) {
        return PoseTinyFixture.file(FOLDER, name);
    }

    static BottomUpPoseConfig config() {
        return (BottomUpPoseConfig) ExperimentConfigReader.read(file("config.yaml"));
    }

    static HigherHrnetNetwork network() {
        return new HigherHrnetNetwork(config());
    }

    static Map<String, INDArray> weights() {
        return NpzReader.read(file("weights.npz"));
    }

    static INDArray array(String name) {
        return Nd4j.createFromNpyFile(new File(file(name).toString()));
    }
}
