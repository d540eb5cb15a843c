package io.hrnetspark.model.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KeypointSpecTest {

    @Test
    void cocoSigmasAreBitEqualToPycocotools() {
        // kpt_oks_sigmas_hex of pycocotools' Params, from the coco-keypoints-eval fixture.
        String[] hex = {"0x1.a9fbe76c8b43ap-6", "0x1.999999999999ap-6", "0x1.999999999999ap-6",
            "0x1.1eb851eb851ebp-5", "0x1.1eb851eb851ebp-5", "0x1.4395810624dd3p-4",
            "0x1.4395810624dd3p-4", "0x1.26e978d4fdf3bp-4", "0x1.26e978d4fdf3bp-4",
            "0x1.fbe76c8b43958p-5", "0x1.fbe76c8b43958p-5", "0x1.b645a1cac0832p-4",
            "0x1.b645a1cac0832p-4", "0x1.645a1cac08312p-4", "0x1.645a1cac08312p-4",
            "0x1.6c8b439581062p-4", "0x1.6c8b439581062p-4"};
        double[] expected = new double[hex.length];
        for (int i = 0; i < hex.length; i++) {
            expected[i] = Double.parseDouble(hex[i]);
        }
        assertArrayEquals(expected, KeypointSpec.COCO.sigmas());
    }

    @Test
    void crowdPoseHasFourteenKeypointsWithHeadAndNeckLast() {
        KeypointSpec spec = KeypointSpec.byName("CrowdPose");
        assertEquals(14, spec.numKeypoints());
        assertEquals("head", spec.keypoints().get(12));
        assertEquals("neck", spec.keypoints().get(13));
        assertEquals(0.079, spec.sigmas()[13]);
    }

    @Test
    void crowdPoseSkeletonIsTheOfficialHigherHrnetOne() {
        // VIS_CONFIG['CROWDPOSE']['part_orders'] of HigherHRNet's lib/dataset/__init__.py, by name.
        String[][] official = {{"head", "neck"}, {"neck", "left_shoulder"}, {"neck", "right_shoulder"},
            {"left_shoulder", "right_shoulder"}, {"left_shoulder", "left_hip"}, {"right_shoulder", "right_hip"},
            {"left_hip", "right_hip"}, {"left_shoulder", "left_elbow"}, {"left_elbow", "left_wrist"},
            {"right_shoulder", "right_elbow"}, {"right_elbow", "right_wrist"}, {"left_hip", "left_knee"},
            {"left_knee", "left_ankle"}, {"right_hip", "right_knee"}, {"right_knee", "right_ankle"}};
        KeypointSpec spec = KeypointSpec.CROWDPOSE;
        assertEquals(official.length, spec.skeleton().length);
        for (int i = 0; i < official.length; i++) {
            assertEquals(official[i][0], spec.keypoints().get(spec.skeleton()[i][0]), "limb " + i);
            assertEquals(official[i][1], spec.keypoints().get(spec.skeleton()[i][1]), "limb " + i);
        }
    }

    @Test
    void flipIndexMirrorsLeftAndRightAndKeepsTheNose() {
        int[] flip = KeypointSpec.COCO.flipIndex();
        assertEquals(0, flip[0]);
        assertEquals(2, flip[1]);
        assertEquals(15, flip[16]);
    }

    @Test
    void unknownDatasetIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeypointSpec.byName("mpii"));
        assertEquals("Unknown keypoint dataset 'mpii': use coco or crowdpose.", e.getMessage());
    }
}
