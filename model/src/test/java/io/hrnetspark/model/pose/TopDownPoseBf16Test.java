package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.PoseTinyBoxes;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.CpuIsa;
import io.hrnetspark.model.net.Precision;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Top-down pose on pose-tiny with the network in bf16: the keypoint confidences (heatmap maxima) stay
 * within the heatmaps' bf16 tolerance of the official float32 ones, as a maximum cannot move more than
 * the maps it is taken over. Where a keypoint lands is printed, not asserted: with random weights many
 * heatmaps have near-equal peaks far apart, and bf16 rounding picks another one.
 */
class TopDownPoseBf16Test {

    /**
     * {@code Bf16Tolerance} of the pose-tiny heatmaps: 81 roundings of 2^-8 times their largest magnitude
     * (30.81), see io.hrnetspark.model.net.Bf16Tolerance.
     */
    private static final double HEATMAP_TOLERANCE = 81 * 0x1p-8 * 30.81;

    @Test
    void confidencesStayWithinTheHeatmapToleranceOfTheOfficialOnes() throws Exception {
        Assumptions.assumeTrue(CpuIsa.detect().bf16(), "this CPU has no bf16 arithmetic");
        Path file = Path.of(getClass().getResource("/fixtures/pose-tiny/config.yaml").toURI());
        TopDownPoseConfig config = (TopDownPoseConfig) ExperimentConfigReader.read(file);
        StateDict weights = TorchCheckpoint.load(Fixtures.bytes("pose-tiny/model_legacy.pth"), "model_legacy.pth");
        List<PersonBox> boxes = new ArrayList<>();
        for (PoseTinyBoxes box : PoseTinyBoxes.load()) {
            double[] b = box.xywh();
            boxes.add(new PersonBox(b[0], b[1], b[2], b[3], 1.0));
        }
        try (TopDownPoseEstimator bf16 = TopDownPoseEstimator.create(config, weights, false, Precision.BF16);
             RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png")) {
            List<PersonPose> poses = bf16.estimate(image, boxes);
            NpyArray preds = NpyArray.fixture("pose-tiny/preds_noflip.npy");
            NpyArray maxvals = NpyArray.fixture("pose-tiny/maxvals_noflip.npy");
            assertEquals(preds.shape()[0], poses.size());
            int same = 0;
            int total = 0;
            double maxConfidenceDiff = 0;
            List<String> moved = new ArrayList<>();
            for (int n = 0; n < poses.size(); n++) {
                float[][] keypoints = poses.get(n).keypoints();
                for (int k = 0; k < keypoints.length; k++) {
                    double distance = Math.hypot(preds.get(n, k, 0) - keypoints[k][0],
                            preds.get(n, k, 1) - keypoints[k][1]);
                    double confidenceDiff = Math.abs(maxvals.get(n, k, 0) - keypoints[k][2]);
                    assertTrue(confidenceDiff <= HEATMAP_TOLERANCE, "person " + n + " keypoint " + k + " confidence "
                            + keypoints[k][2] + " vs " + maxvals.get(n, k, 0));
                    maxConfidenceDiff = Math.max(maxConfidenceDiff, confidenceDiff);
                    total++;
                    if (distance < 1e-3) {
                        same++;
                    } else {
                        moved.add(String.format(Locale.ROOT, "%.1f", distance));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "pose-tiny bf16 vs official fp32 (no flip): %d of %d keypoints at the "
                    + "same place, the others moved by %s px; confidences within %.3f%n", same, total, moved,
                    maxConfidenceDiff);
        }
    }
}
