package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.SegmentationConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The seg-tiny and seg-tiny-ckpt fixture folders in the test resources. */
public final class SegTinyFixture {

    private SegTinyFixture() {
    }

    public static Path file(String name) {
        return PoseTinyFixture.file("seg-tiny", name);
    }

    public static Path checkpoint(String name) {
        return PoseTinyFixture.file("seg-tiny-ckpt", name);
    }

    public static SegmentationConfig config() {
        return (SegmentationConfig) ExperimentConfigReader.read(file("config.yaml"));
    }

    public static Map<String, INDArray> weights() {
        return NpzReader.read(file("weights.npz"));
    }

    /** An array of the fixture, in its own dtype. */
    public static INDArray array(String name) {
        return Nd4j.createFromNpyFile(new File(file(name).toString()));
    }
}
