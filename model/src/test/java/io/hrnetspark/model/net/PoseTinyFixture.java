package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The pose-tiny fixture folder in the test resources. */
final class PoseTinyFixture {

    private PoseTinyFixture() {
    }

    static Path file(String folder, String name) {
        try {
            return Path.of(PoseTinyFixture.class.getResource("/fixtures/" + folder + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TopDownPoseConfig config() {
        return (TopDownPoseConfig) ExperimentConfigReader.read(file("pose-tiny", "config.yaml"));
    }

    static Map<String, INDArray> weights() {
        return NpzReader.read(file("pose-tiny", "weights.npz"));
    }

    static INDArray array(String name) {
        return Nd4j.createFromNpyFile(new File(file("pose-tiny", name).toString()));
    }
}
