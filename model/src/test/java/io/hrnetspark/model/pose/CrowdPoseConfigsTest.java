package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.BottomUpDataset;
import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.HigherHrnetModelConfig;
import io.hrnetspark.model.config.ImageSize;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.net.HigherHrnetNetwork;
import io.hrnetspark.model.net.ParameterLayout;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CrowdPose: the official HigherHRNet CrowdPose experiments shipped in {@code conf/models/crowd_pose}
 * read as 14-joint networks with the CrowdPose keypoint metadata, and keypoint arrays follow
 * {@code NUM_JOINTS} through bottom-up and top-down estimation.
 */
class CrowdPoseConfigsTest {

    /** The official {@code FLIP_CONFIG['CROWDPOSE']} of HigherHRNet's {@code dataset/transforms}. */
    private static final int[] OFFICIAL_FLIP_INDEX = {1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 12, 13};

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "w32_512_adam_lr1e-3.yaml, 32, 512",
        "w32_640_adam_lr1e-3.yaml, 32, 640",
        // The official W48 CrowdPose file keeps INPUT_SIZE 512 (and OUTPUT_SIZE [128, 256]).
        "w48_640_adam_lr1e-3.yaml, 48, 512"})
    void shippedConfigsAreFourteenJointHigherHrnets(String file, int width, int inputSize) {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(shipped(file));
        HigherHrnetModelConfig model = config.model();
        assertEquals("pose_higher_hrnet", config.modelName());
        assertEquals(14, model.numJoints());
        assertEquals(List.of(width, 2 * width, 4 * width, 8 * width),
                model.extra().backbone().lastStage().numChannels());
        assertEquals(28, model.outputChannels(0), "heatmaps and one tag map per joint");
        assertEquals(14, model.outputChannels(1));
        assertEquals(new BottomUpDataset("crowd_pose_kpt", 14, 30, inputSize, List.of(inputSize / 4, inputSize / 2)),
                config.data());
        assertEquals(new ImageSize(inputSize, inputSize), config.inputSize());
        assertFalse(ParameterLayout.of(new HigherHrnetNetwork(config)).entries().isEmpty());
    }

    @Test
    void crowdPoseMetadataHasTheOfficialFlipIndex() {
        assertEquals(14, KeypointSpec.CROWDPOSE.numKeypoints());
        assertArrayEquals(OFFICIAL_FLIP_INDEX, KeypointSpec.CROWDPOSE.flipIndex());
    }

    /** The shipped W32-512 CrowdPose config builds (random weights) with the CrowdPose keypoints. */
    @Test
    void shippedConfigBuildsWithCrowdPoseKeypoints() {
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(
                shipped("w32_512_adam_lr1e-3.yaml"));
        try (BottomUpPoseEstimator estimator = BottomUpPoseEstimator.create(config, null, true)) {
            assertEquals(KeypointSpec.CROWDPOSE, estimator.keypointSpec());
        }
    }

    /** A 14-joint CrowdPose HigherHRNet (the tiny layout) runs end to end: every person has 14 keypoints. */
    @Test
    void bottomUpPeopleHaveFourteenKeypoints() throws IOException {
        Path file = Files.writeString(dir.resolve("crowd-tiny.yaml"), Files.readString(fixture("higher-tiny/config.yaml"))
                .replace("DATASET: coco_kpt", "DATASET: crowd_pose_kpt").replace("NUM_JOINTS: 17", "NUM_JOINTS: 14"));
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(file);
        try (BottomUpPoseEstimator estimator = BottomUpPoseEstimator.create(config, null, true);
             RgbImage image = RgbImage.decode(Fixtures.bytes("higher-tiny/image.png"), "image.png")) {
            assertEquals(KeypointSpec.CROWDPOSE, estimator.keypointSpec());
            List<BottomUpPose> people = estimator.estimate(image);
            assertFalse(people.isEmpty(), "the random network finds people to check");
            for (BottomUpPose pose : people) {
                assertEquals(14, pose.keypoints().length);
            }
        }
    }

    @Test
    void topDownPersonsHaveFourteenKeypoints() throws IOException {
        Path file = Files.writeString(dir.resolve("crowd-top-down.yaml"), Files.readString(fixture("pose-tiny/config.yaml"))
                .replace("  DATASET: coco\n", "  DATASET: crowdpose\n").replace("NUM_JOINTS: 17", "NUM_JOINTS: 14"));
        TopDownPoseConfig config = (TopDownPoseConfig) ExperimentConfigReader.read(file);
        try (TopDownPoseEstimator estimator = TopDownPoseEstimator.create(config, null, true);
             RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png")) {
            List<TopDownPerson> persons = estimator.predict(new ImageBoxes(image,
                    List.of(new PersonBox(20, 30, 60, 120, 0.9), new PersonBox(25, 30, 60, 118, 0.8))));
            assertEquals(2, persons.size());
            for (TopDownPerson person : persons) {
                assertEquals(14, person.keypoints().length);
            }
        }
    }

    @Test
    void aJointCountThatDoesNotMatchTheDatasetIsOneSentence() throws IOException {
        Path file = Files.writeString(dir.resolve("mismatch.yaml"), Files.readString(fixture("higher-tiny/config.yaml"))
                .replace("DATASET: coco_kpt", "DATASET: crowd_pose_kpt"));
        BottomUpPoseConfig config = (BottomUpPoseConfig) ExperimentConfigReader.read(file);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BottomUpPoseEstimator.create(config, null, true));
        assertEquals("Config " + file + " has MODEL.NUM_JOINTS 17 but dataset crowd_pose_kpt has 14 keypoints: "
                + "make them agree.", e.getMessage());
    }

    private static Path shipped(String file) {
        return Path.of(System.getProperty("user.dir")).getParent().resolve("conf/models/crowd_pose").resolve(file);
    }

    private static Path fixture(String path) {
        try {
            return Path.of(CrowdPoseConfigsTest.class.getResource("/fixtures/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
