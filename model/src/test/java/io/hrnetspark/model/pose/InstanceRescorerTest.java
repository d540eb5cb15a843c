package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InstanceRescorerTest {

    private final InstanceRescorer rescorer = new InstanceRescorer(0.2);

    @Test
    void meanOfConfidencesAboveTheThresholdTimesTheBoxScore() {
        float[][] keypoints = {{0, 0, 0.9f}, {0, 0, 0.1f}, {0, 0, 0.5f}, {0, 0, 0.19f}};
        assertEquals(((double) 0.9f + 0.5f) / 2 * 0.8, rescorer.score(keypoints, 0.8), 1e-15);
    }

    @Test
    void float32ConfidenceOfPointTwoIsAboveTheFloat64ThresholdAsUnderNumpy1() {
        // numpy 1.x compares np.float32(0.2) > 0.2 in float64: 0.200000003 > 0.2
        float[][] keypoints = {{0, 0, 0.2f}};
        assertEquals((double) 0.2f, rescorer.score(keypoints, 1.0));
    }

    @Test
    void noConfidentKeypointGivesZero() {
        float[][] keypoints = {{0, 0, 0.1f}, {0, 0, -3f}};
        assertEquals(0.0, rescorer.score(keypoints, 1.0));
    }
}
