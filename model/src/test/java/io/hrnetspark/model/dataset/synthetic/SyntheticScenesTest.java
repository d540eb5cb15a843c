package io.hrnetspark.model.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.coco.mask.Rle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class SyntheticScenesTest {

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    @Test
    void sceneNDependsOnlyOnTheSeedAndN() {
        SyntheticScenes a = new SyntheticScenes(160, 120, 3, 42);
        SyntheticScenes b = new SyntheticScenes(160, 120, 3, 42);
        SyntheticScene third = a.scene(3);
        b.scene(7);
        SyntheticScene again = b.scene(3);
        assertArrayEquals(pixels(third.image()), pixels(again.image()));
        assertEquals(third.people().size(), again.people().size());
        for (int p = 0; p < third.people().size(); p++) {
            assertArrayEquals(third.people().get(p).keypoints(), again.people().get(p).keypoints());
        }
        assertFalse(java.util.Arrays.equals(pixels(third.image()), pixels(a.scene(4).image())));
        assertFalse(java.util.Arrays.equals(pixels(third.image()),
                pixels(new SyntheticScenes(160, 120, 3, 43).scene(3).image())));
    }

    @Test
    void boxAreaAndVisibilityAreThoseOfTheDrawnMask() {
        SyntheticScenes scenes = new SyntheticScenes(320, 240, 3, 9);
        int people = 0;
        for (int n = 0; n < 12; n++) {
            for (SyntheticPerson person : scenes.scene(n).people()) {
                people++;
                Rle mask = person.segmentation();
                assertEquals(mask.area(), person.area());
                assertTrue(person.area() > 0);
                assertArrayEquals(mask.toBbox(), person.bbox(), 1e-9);
                byte[] bits = mask.decode();
                int labelled = 0;
                for (int k = 0; k < 17; k++) {
                    double[] p = person.keypoint(k);
                    if (p[2] == 0) {
                        assertEquals(0, p[0]);
                        assertEquals(0, p[1]);
                        continue;
                    }
                    labelled++;
                    long x = Math.round(p[0]);
                    long y = Math.round(p[1]);
                    assertTrue(x >= 0 && y >= 0 && x < 320 && y < 240, "a labelled keypoint lies in the image");
                    if (p[2] == 2) {
                        assertEquals(1, bits[(int) (x * 240 + y)], "a visible keypoint lies on its person's pixels");
                    }
                }
                assertEquals(labelled, person.numKeypoints());
            }
        }
        assertTrue(people >= 12);
    }

    @Test
    void scenesHoldSeveralPeopleHiddenKeypointsAndPeopleCutByTheBorder() {
        SyntheticScenes scenes = new SyntheticScenes(640, 480, 3, 1);
        int[] perImage = new int[4];
        int[] byVisibility = new int[3];
        for (int n = 0; n < 40; n++) {
            SyntheticScene scene = scenes.scene(n);
            perImage[scene.people().size()]++;
            for (SyntheticPerson person : scene.people()) {
                for (int k = 0; k < 17; k++) {
                    byVisibility[(int) person.keypoint(k)[2]]++;
                }
            }
        }
        assertTrue(perImage[1] > 0 && perImage[2] > 0 && perImage[3] > 0, java.util.Arrays.toString(perImage));
        int all = byVisibility[0] + byVisibility[1] + byVisibility[2];
        assertTrue(byVisibility[1] > 0.05 * all && byVisibility[1] < 0.4 * all, "hidden " + byVisibility[1] + " of " + all);
        assertTrue(byVisibility[0] > 0, "some keypoints fall outside the image");
        assertTrue(byVisibility[2] > 0.5 * all);
    }

    @Test
    void refusesSizesItCannotDraw() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticScenes(16, 120, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticScenes(160, 120, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticScenes(160, 120, SyntheticScenes.MAX_PEOPLE + 1, 1));
    }
}
