package io.hrnetspark.model.pose.bottomup;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /** People stored as a {@code (P, J, 3 + D)} array, with the given scores. */
    static GroupedPeople people(INDArray array, float[] scores) {
        List<float[][]> people = new ArrayList<>();
        for (int p = 0; p < array.size(0); p++) {
            float[][] person = new float[(int) array.size(1)][];
            for (int j = 0; j < person.length; j++) {
                person[j] = array.get(NDArrayIndex.point(p), NDArrayIndex.point(j)).toFloatVector();
            }
            people.add(person);
        }
        return new GroupedPeople(people, scores);
    }

    /** The official test settings of the higher-grouping README. */
    static GroupingSettings officialSettings() {
        return new GroupingSettings(17, 30, 0.1, 1.0, true, false, 5);
    }
}
