package io.hrnetspark.model.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.fixture.NpyArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffineTransformTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void imageToCropMatricesEqualTheOfficialOnes() {
        NpyArray expected = NpyArray.fixture("pose-tiny/affine.npy");
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        for (int n = 0; n < boxes.size(); n++) {
            AffineTransform t = AffineTransform.imageToOutput(boxes.get(n).region(),
                    PoseTinyBoxes.INPUT_WIDTH, PoseTinyBoxes.INPUT_HEIGHT);
            assertMatrix(expected, n, t);
        }
    }

    @Test
    void heatmapToImageMatricesEqualTheOfficialInverseOnes() {
        NpyArray expected = NpyArray.fixture("pose-tiny/affine_inv_heatmap.npy");
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        for (int n = 0; n < boxes.size(); n++) {
            AffineTransform t = AffineTransform.outputToImage(boxes.get(n).region(),
                    PoseTinyBoxes.HEATMAP_WIDTH, PoseTinyBoxes.HEATMAP_HEIGHT);
            assertMatrix(expected, n, t);
        }
    }

    @Test
    void regionCenterMapsToTheOutputCenterAndBack() {
        CenterScale region = CenterScale.fromBox(20, 12, 345, 500, 96, 128);
        AffineTransform forward = AffineTransform.imageToOutput(region, 96, 128);
        AffineTransform back = AffineTransform.outputToImage(region, 96, 128);
        assertEquals(48, forward.mapX(region.centerX(), region.centerY()), 1e-9);
        assertEquals(64, forward.mapY(region.centerX(), region.centerY()), 1e-9);
        assertEquals(region.centerX(), back.mapX(48, 64), 1e-9);
        assertEquals(region.centerY(), back.mapY(48, 64), 1e-9);
    }

    private static void assertMatrix(NpyArray expected, int n, AffineTransform t) {
        double[] actual = {t.a(), t.b(), t.c(), t.d(), t.e(), t.f()};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected.get(n, i / 3, i % 3), actual[i], TOLERANCE, "box " + n + " element " + i);
        }
    }
}
