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
