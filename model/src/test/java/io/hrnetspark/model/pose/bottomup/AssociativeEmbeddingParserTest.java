package io.hrnetspark.model.pose.bottomup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The grouping equals the official {@code HeatmapParser.parse} on the higher-grouping fixture:
 * crafted maps with known people and the maps of the tiny network, after matching, adjusting and
 * refining. Structure and x, y exact; values, tags and scores within 1e-6 (the README's tolerances).
 */
class AssociativeEmbeddingParserTest {

    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0}: adjust {1}, refine {2}")
    @CsvSource({
        "crafted, false, false, crafted_matched.npy",
        "crafted, true, false, crafted_adjusted.npy",
        "crafted, true, true, crafted_grouped.npy",
        "e2e, false, false, e2e_matched.npy",
        "e2e, true, false, e2e_adjusted.npy",
        "e2e, true, true, e2e_grouped.npy"})
    void parseEqualsOfficialParser(String prefix, boolean adjust, boolean refine, String expectedFile) {
        GroupedPeople result = parse(prefix, adjust, refine);
        assertPeople(GroupingFixture.grouping(expectedFile), result);
        assertArrayEquals(GroupingFixture.grouping(prefix + "_scores.npy").toFloatVector(), result.scores(),
                (float) TOLERANCE);
    }

    static GroupedPeople parse(String prefix, boolean adjust, boolean refine) {
        return new AssociativeEmbeddingParser(GroupingFixture.officialSettings()).parse(
                JointMaps.of(GroupingFixture.grouping(prefix + "_heatmaps.npy")),
                TagMaps.of(GroupingFixture.grouping(prefix + "_tags.npy")), adjust, refine);
    }

    /** Same people in the same order with the same joints present; x, y exact; other columns within 1e-6. */
    static void assertPeople(INDArray expected, GroupedPeople actual) {
        assertEquals(expected.size(0), actual.size(), "number of people");
        for (int p = 0; p < actual.size(); p++) {
            float[][] person = actual.people().get(p);
            for (int j = 0; j < person.length; j++) {
                float[] want = expected.get(NDArrayIndex.point(p), NDArrayIndex.point(j)).toFloatVector();
                String where = "person " + p + " joint " + j + ": expected " + Arrays.toString(want) + ", got "
                        + Arrays.toString(person[j]);
                assertEquals(want.length, person[j].length, where);
                assertEquals(want[2] > 0, person[j][2] > 0, where);
                assertEquals(want[0], person[j][0], where);
                assertEquals(want[1], person[j][1], where);
                for (int c = 2; c < want.length; c++) {
                    assertEquals(want[c], person[j][c], TOLERANCE, where);
                }
            }
        }
    }
}
