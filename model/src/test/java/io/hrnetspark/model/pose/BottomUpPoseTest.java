package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BottomUpPoseTest {

    @Test
    void extentCoversThePresentKeypointsOnly() {
        BottomUpPose pose = new BottomUpPose(new float[][] {{10, 20, 0.5f}, {0, 0, 0}, {30, 5, 0.1f}, {12, 40, 0.9f}},
                0.4);
        assertArrayEquals(new double[] {10, 5, 20, 35}, pose.extent());
    }

    @Test
    void aPersonWithoutPresentKeypointsSpansThemAll() {
        BottomUpPose pose = new BottomUpPose(new float[][] {{4, 8, 0}, {6, 2, 0}}, 0);
        assertArrayEquals(new double[] {4, 2, 2, 6}, pose.extent());
    }
}
