package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.fixture.NpyArray;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.pose.bottomup.GroupedPeople;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bottom-up estimation of the higher-tiny photo equals the official single-scale flip-test result
 * ({@code e2e_final.npy}, {@code e2e_scores.npy}) within the README's end-to-end tolerances: the same
 * people in the same order with the same joints present, x and y within 1e-3 px, values and scores
 * within 1e-3, tags within 2e-3.
 */
class BottomUpPoseEstimatorTest {

    @TempDir
    Path dir;

    @Test
    void photoGivesTheOfficialPeople() {
        NpyArray expected = NpyArray.fixture("higher-tiny/e2e_final.npy");
        NpyArray expectedScores = NpyArray.fixture("higher-tiny/e2e_scores.npy");
        GroupedPeople grouped;
        List<BottomUpPose> poses;
        try (BottomUpPoseEstimator estimator = estimator(true);
             RgbImage image = RgbImage.decode(Fixtures.bytes("higher-tiny/image.png"), "image.png")) {
            grouped = estimator.group(image);
            poses = estimator.estimate(image);
        }
        int people = expected.shape()[0];
        int columns = expected.shape()[2];
        assertEquals(27, people);
        assertEquals(people, grouped.size());
        assertEquals(people, poses.size());
        for (int p = 0; p < people; p++) {
            for (int j = 0; j < 17; j++) {
                float[] joint = grouped.people().get(p)[j];
                String where = "person " + p + " joint " + j;
                int base = (p * 17 + j) * columns;
                assertEquals(expected.values()[base + 2] > 0, joint[2] > 0, where + " presence");
                for (int c = 0; c < columns; c++) {
                    assertEquals(expected.values()[base + c], joint[c], c < 3 ? 1e-3 : 2e-3, where + " column " + c);
                }
                assertArrayEquals(new float[] {joint[0], joint[1], joint[2]}, poses.get(p).keypoints()[j], where);
            }
            assertEquals(expectedScores.values()[p], grouped.scores()[p], 1e-3, "score of person " + p);
            assertEquals(grouped.scores()[p], poses.get(p).score(), 0.0);
        }
    }

    @Test
    void datasetWithoutKeypointMetadataIsRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("mpii.yaml"), Files.readString(fixture("higher-tiny/config.yaml"))
                .replace("DATASET: coco_kpt", "DATASET: mpii"));
        BottomUpPoseConfig parsed = (BottomUpPoseConfig) ExperimentConfigReader.read(config);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BottomUpPoseEstimator.create(parsed, null, false));
        assertEquals("Config " + config + " has DATASET.DATASET 'mpii', which has no keypoint metadata here: use a "
                + "coco or crowd_pose dataset.", e.getMessage());
    }

    @Test
    void topDownCheckpointDoesNotFit() {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(fixture("higher-tiny/config.yaml"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BottomUpPoseEstimator.create(
                config, TorchCheckpoint.load(fixture("pose-tiny/model_legacy.pth")), true));
        assertTrue(e.getMessage().contains("do not fit the network of config " + config.source()), e.getMessage());
        assertTrue(e.getMessage().contains("missing keys (final_layers.0.weight; "), e.getMessage());
    }

    private static BottomUpPoseEstimator estimator(boolean flip) {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(fixture("higher-tiny/config.yaml"));
        return BottomUpPoseEstimator.create(config, TorchCheckpoint.load(fixture("higher-tiny/model_legacy.pth")), flip);
    }

    private static Path fixture(String path) {
        try {
            return Path.of(BottomUpPoseEstimatorTest.class.getResource("/fixtures/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
