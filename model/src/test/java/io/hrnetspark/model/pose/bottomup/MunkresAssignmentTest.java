package io.hrnetspark.model.pose.bottomup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The assignments equal those of the Python {@code munkres} package (1.1.4, {@code Munkres().compute})
 * that the official grouping calls, including which of several equally cheap assignments it picks.
 */
class MunkresAssignmentTest {

    static Stream<Arguments> officialResults() {
        return Stream.of(
                Arguments.of(new double[][] {{5, 9, 1}, {10, 3, 2}, {8, 7, 4}}, "0-2 1-1 2-0"),
                Arguments.of(new double[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}, "0-0 1-1 2-2"),
                Arguments.of(new double[][] {{99.5, 99.7, 199.1}, {-0.7, 99.8, -0.4}}, "0-1 1-0"),
                Arguments.of(new double[][] {{-0.5, 1e10, 1e10}, {-0.9, 1e10, 1e10}, {99.2, 1e10, 1e10}},
                        "0-2 1-0 2-1"),
                Arguments.of(new double[][] {{1, 1, 2}, {1, 1, 2}, {2, 2, 1}}, "0-0 1-1 2-2"),
                Arguments.of(new double[][] {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, "0-1 1-0 2-2"),
                Arguments.of(new double[][] {{2, 2, 0, 2}, {1, 1, 1, 0}, {2, 0, 0, 1}, {1, 1, 0, 0}},
                        "0-2 1-3 2-1 3-0"),
                Arguments.of(new double[][] {{0, 0, 0, 2, 0}, {1, 2, 0, 0, 1}, {0, 2, 0, 2, 2}}, "0-4 1-2 2-0"),
                Arguments.of(new double[][] {{2, 0, 1}, {1, 1, 1}, {2, 1, 0}, {2, 1, 2}, {0, 1, 2}},
                        "0-1 2-2 4-0"),
                Arguments.of(new double[][] {{0, 0, 1, 2, 0, 2}, {1, 0, 1, 2, 2, 2}, {0, 0, 2, 2, 2, 0},
                    {0, 1, 1, 1, 2, 0}, {1, 0, 0, 2, 0, 0}, {0, 0, 0, 2, 1, 1}}, "0-4 1-1 2-5 3-3 4-2 5-0"),
                Arguments.of(new double[][] {{0, 2, 2, 0, 0, 0, 0}, {2, 1, 1, 0, 1, 2, 0}, {2, 0, 0, 2, 2, 0, 2},
                    {2, 1, 1, 2, 2, 2, 1}, {0, 2, 0, 1, 2, 0, 0}}, "0-0 1-3 2-1 3-2 4-5"));
    }

    @ParameterizedTest
    @MethodSource("officialResults")
    void assignmentEqualsOfficialMunkres(double[][] cost, String expected) {
        List<int[]> pairs = MunkresAssignment.compute(cost);
        assertEquals(expected, pairs.stream().map(p -> p[0] + "-" + p[1]).collect(Collectors.joining(" ")));
    }

    @Test
    void raggedOrEmptyMatricesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MunkresAssignment.compute(new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> MunkresAssignment.compute(new double[][] {{1, 2}, {3}}));
    }
}
