package io.hrnetspark.model.pose.bottomup;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Files of the fixture folders in the test resources. */
final class GroupingFixture {

    private GroupingFixture() {
    }

    static Path file(String folder, String name) {
        try {
            return Path.of(GroupingFixture.class.getResource("/fixtures/" + folder + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static INDArray array(String folder, String name) {
        return Nd4j.createFromNpyFile(new File(file(folder, name).toString()));
    }

    static INDArray grouping(String name) {
        return array("higher-grouping", name);
    }

    /** The official test settings of the higher-grouping README. */
    static GroupingSettings officialSettings() {
        return new GroupingSettings(17, 30, 0.1, 1.0, true, false, 5);
    }
}
