package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.AffineTransform;
import io.hrnetspark.model.image.CenterScale;
import io.hrnetspark.model.image.PoseTinyBoxes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapDecoderTest {

    private static final int W = PoseTinyBoxes.HEATMAP_WIDTH;
    private static final int H = PoseTinyBoxes.HEATMAP_HEIGHT;
    private final HeatmapDecoder decoder = new HeatmapDecoder(W, H, true);

    @Test
    void flipTestHeatmapsDecodeToTheOfficialPredictions() {
        assertDecodesTo("heatmaps_flip.npy", "preds.npy", "maxvals.npy");
    }

    @Test
    void plainHeatmapsDecodeToTheOfficialPredictions() {
        assertDecodesTo("heatmaps.npy", "preds_noflip.npy", "maxvals_noflip.npy");
    }

    @Test
    void quarterPixelStepGoesTowardsTheLargerNeighbourAndNotOnATie() {
        float[] map = new float[W * H];
        map[5 * W + 7] = 10f; // maximum at x 7, y 5
        map[5 * W + 8] = 3f;  // right neighbour larger than left (0): x + 0.25
        // up and down neighbours both 0: y stays
        assertHeatmapPoint(map, 7.25, 5);
    }

    @Test
    void firstOfEqualMaximaWins() {
        float[] map = new float[W * H];
        map[4 * W + 10] = 2f;
        map[9 * W + 3] = 2f;
        map[4 * W + 9] = 1f; // left of the first maximum: step left
        assertHeatmapPoint(map, 9.75, 4);
    }

    @Test
    void noStepOnTheBorderBandOrWithoutPostProcessing() {
        float[] map = new float[W * H];
        map[5 * W + 1] = 10f; // x == 1 is not strictly inside
        map[5 * W + 2] = 5f;
        map[6 * W + 1] = 5f;
        assertHeatmapPoint(map, 1, 5);
        float[] inner = new float[W * H];
        inner[5 * W + 7] = 10f;
        inner[5 * W + 8] = 3f;
        CenterScale region = CenterScale.fromBox(0, 0, 96, 128, 96, 128);
        float[] plain = new HeatmapDecoder(W, H, false).decode(inner, 0, 1, region)[0];
        AffineTransform toImage = AffineTransform.outputToImage(region, W, H);
        assertEquals((float) toImage.mapX(7, 5), plain[0]);
    }

    @Test
    void nonPositiveMaximumPutsTheKeypointAtTheHeatmapOrigin() {
        float[] map = new float[W * H];
        Arrays.fill(map, -1f);
        map[10 * W + 10] = 0f;
        map[10 * W + 11] = -0.5f;
        CenterScale region = CenterScale.fromBox(0, 0, 96, 128, 96, 128);
        float[] keypoint = decoder.decode(map, 0, 1, region)[0];
        AffineTransform toImage = AffineTransform.outputToImage(region, W, H);
        assertEquals((float) toImage.mapX(0, 0), keypoint[0]);
        assertEquals((float) toImage.mapY(0, 0), keypoint[1]);
        assertEquals(0f, keypoint[2]);
    }

    private void assertHeatmapPoint(float[] map, double x, double y) {
        CenterScale region = CenterScale.fromBox(30, 40, 96, 128, 96, 128);
        AffineTransform toImage = AffineTransform.outputToImage(region, W, H);
        float[] keypoint = decoder.decode(map, 0, 1, region)[0];
        assertEquals((float) toImage.mapX(x, y), keypoint[0]);
        assertEquals((float) toImage.mapY(x, y), keypoint[1]);
    }

    private void assertDecodesTo(String heatmapFile, String predsFile, String maxvalsFile) {
        float[] heatmaps = NpyArray.fixture("pose-tiny/" + heatmapFile).floats();
        NpyArray preds = NpyArray.fixture("pose-tiny/" + predsFile);
        NpyArray maxvals = NpyArray.fixture("pose-tiny/" + maxvalsFile);
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        int k = preds.shape()[1];
        for (int n = 0; n < boxes.size(); n++) {
            float[][] keypoints = decoder.decode(heatmaps, n * k * W * H, k, boxes.get(n).region());
            for (int j = 0; j < k; j++) {
                String where = "box " + n + " keypoint " + j;
                assertEquals(preds.get(n, j, 0), keypoints[j][0], 1e-3, where + " x");
                assertEquals(preds.get(n, j, 1), keypoints[j][1], 1e-3, where + " y");
                assertEquals((float) maxvals.get(n, j, 0), keypoints[j][2], where + " confidence");
            }
        }
    }
}
