package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.PoseTinyBoxes;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.weights.StateDict;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole top-down path on pose-tiny: image and boxes in, the official keypoints out. */
class TopDownPoseEstimatorTest {

    private static TopDownPoseConfig config;
    private static TopDownPoseEstimator withFlip;
    private static TopDownPoseEstimator withoutFlip;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path file = Path.of(TopDownPoseEstimatorTest.class.getResource("/fixtures/pose-tiny/config.yaml").toURI());
        config = (TopDownPoseConfig) ExperimentConfigReader.read(file);
        StateDict weights = TorchCheckpoint.load(Fixtures.bytes("pose-tiny/model_legacy.pth"), "model_legacy.pth");
        withFlip = TopDownPoseEstimator.create(config, weights, true);
        withoutFlip = TopDownPoseEstimator.create(config, weights, false);
    }

    @AfterAll
    static void close() {
        withFlip.close();
        withoutFlip.close();
    }

    @Test
    void imageAndBoxesGiveTheOfficialFlipTestKeypoints() {
        assertOfficial(estimate(withFlip), "preds.npy", "maxvals.npy");
    }

    @Test
    void imageAndBoxesGiveTheOfficialKeypointsWithoutFlip() {
        assertOfficial(estimate(withoutFlip), "preds_noflip.npy", "maxvals_noflip.npy");
    }

    @Test
    void preparedCropsAreTheOfficialNetworkInput() {
        NpyArray input = NpyArray.fixture("pose-tiny/input.npy");
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        try (RgbImage image = image()) {
            for (int n = 0; n < boxes.size(); n++) {
                PoseCrop crop = withFlip.prepare(image, box(boxes.get(n), 1.0));
                assertEquals(boxes.get(n).center()[0], crop.region().centerX());
                float[] chw = crop.chw();
                for (int i = 0; i < chw.length; i++) {
                    assertEquals(input.values()[n * chw.length + i], chw[i], 1e-6, "crop " + n + " value " + i);
                }
            }
        }
    }

    @Test
    void cropsOutliveTheirImageAndBatchInAnyOrder() {
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        List<PoseCrop> crops = new ArrayList<>();
        try (RgbImage image = image()) {
            for (int n = boxes.size() - 1; n >= 0; n--) {
                crops.add(withFlip.prepare(image, box(boxes.get(n), 1.0)));
            }
        }
        List<PersonPose> reversed = new ArrayList<>(withFlip.predict(crops));
        Collections.reverse(reversed);
        assertOfficial(reversed, "preds.npy", "maxvals.npy");
        assertEquals(List.of(), withFlip.predict(List.of()));
    }

    @Test
    void scoreIsTheRescoredBoxScore() {
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        try (RgbImage image = image()) {
            PersonPose pose = withFlip.estimate(image, List.of(box(boxes.get(0), 0.5))).get(0);
            assertEquals(new InstanceRescorer(0.2).score(pose.keypoints(), 0.5), pose.score());
            assertEquals(0.5, pose.box().score());
        }
    }

    @Test
    void zeroSizeBoxIsRefusedForThatBoxOnly() {
        try (RgbImage image = image()) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> withFlip.prepare(image, new PersonBox(10, 10, 0, 50, 0.9)));
            assertTrue(e.getMessage().contains("zero or negative size"), e.getMessage());
            assertEquals(1, withFlip.estimate(image, List.of(box(PoseTinyBoxes.load().get(0), 1))).size());
        }
    }

    @Test
    void suppressionDropsADuplicatePersonAndKeepsTheBestFirst() {
        List<PoseTinyBoxes> boxes = PoseTinyBoxes.load();
        try (RgbImage image = image()) {
            List<PersonPose> poses = withFlip.estimate(image,
                    List.of(box(boxes.get(0), 0.6), box(boxes.get(0), 0.9)));
            List<PersonPose> kept = withFlip.suppressOverlaps(poses);
            assertEquals(1, kept.size());
            assertEquals(0.9, kept.get(0).box().score());
        }
    }

    @Test
    void randomWeightsRunWithTheConfigsShapes() {
        try (TopDownPoseEstimator random = TopDownPoseEstimator.create(config, null, true);
             RgbImage image = image()) {
            List<PersonPose> poses = random.estimate(image, List.of(box(PoseTinyBoxes.load().get(1), 1)));
            assertEquals(17, poses.get(0).keypoints().length);
            for (float[] keypoint : poses.get(0).keypoints()) {
                assertTrue(Float.isFinite(keypoint[0]) && Float.isFinite(keypoint[1]) && Float.isFinite(keypoint[2]));
            }
        }
    }

    private static List<PersonPose> estimate(TopDownPoseEstimator estimator) {
        List<PersonBox> personBoxes = new ArrayList<>();
        for (PoseTinyBoxes box : PoseTinyBoxes.load()) {
            personBoxes.add(box(box, 1.0));
        }
        try (RgbImage image = image()) {
            return estimator.estimate(image, personBoxes);
        }
    }

    private static void assertOfficial(List<PersonPose> poses, String predsFile, String maxvalsFile) {
        NpyArray preds = NpyArray.fixture("pose-tiny/" + predsFile);
        NpyArray maxvals = NpyArray.fixture("pose-tiny/" + maxvalsFile);
        assertEquals(preds.shape()[0], poses.size());
        for (int n = 0; n < poses.size(); n++) {
            float[][] keypoints = poses.get(n).keypoints();
            for (int k = 0; k < keypoints.length; k++) {
                String where = "person " + n + " keypoint " + k;
                assertEquals(preds.get(n, k, 0), keypoints[k][0], 1e-3, where + " x");
                assertEquals(preds.get(n, k, 1), keypoints[k][1], 1e-3, where + " y");
                assertEquals(maxvals.get(n, k, 0), keypoints[k][2], 2e-3, where + " confidence");
            }
        }
    }

    private static PersonBox box(PoseTinyBoxes box, double score) {
        double[] b = box.xywh();
        return new PersonBox(b[0], b[1], b[2], b[3], score);
    }

    private static RgbImage image() {
        return RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png");
    }
}
