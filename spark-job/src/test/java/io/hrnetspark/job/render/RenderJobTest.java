package io.hrnetspark.job.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.job.output.StoredPerson;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} draws the skeleton of the predictions' dataset: CrowdPose for 14 joints, COCO for 17. */
class RenderJobTest {

    /** A CrowdPose person: shoulders, elbows, wrists, hips, knees, ankles (left, right), head, neck. */
    private static final float[][] CROWDPOSE_PERSON = {{130, 50}, {70, 50}, {150, 80}, {50, 80}, {160, 110},
        {40, 110}, {125, 120}, {75, 120}, {130, 160}, {70, 160}, {135, 190}, {65, 190}, {100, 20}, {100, 40}};

    @TempDir
    Path tmp;

    private static FirstImages predictions(int... keypointCounts) {
        FirstImages first = new FirstImages(5, true);
        for (int i = 0; i < keypointCounts.length; i++) {
            float[][] points = new float[keypointCounts[i]][];
            for (int k = 0; k < points.length; k++) {
                float[] p = k < CROWDPOSE_PERSON.length ? CROWDPOSE_PERSON[k] : new float[] {100, 100};
                points[k] = new float[] {p[0], p[1], 0.9f};
            }
            first.accept(new StoredPerson(1L + i, "a.png", 0, new double[] {30.0, 10.0, 140.0, 185.0}, points, 0.8,
                    true));
        }
        return first;
    }

    private static SortedSet<Integer> counts(int... keypointCounts) {
        return predictions(keypointCounts).keypointCounts();
    }

    @Test
    void theSkeletonFollowsTheKeypointCount() {
        assertSame(KeypointSpec.CROWDPOSE, RenderJob.skeleton(counts(14), Optional.empty(), "P"));
        assertSame(KeypointSpec.COCO, RenderJob.skeleton(counts(17), Optional.empty(), "P"));
        assertSame(KeypointSpec.CROWDPOSE, RenderJob.skeleton(counts(14), Optional.of("crowdpose"), "P"));
    }

    @Test
    void aKeypointCountThatDoesNotFitIsOneSentence() {
        assertEquals("Predictions P have 14 keypoints per person but the coco skeleton joins 17; use --dataset"
                        + " crowdpose or leave --dataset out to follow the keypoint count.",
                assertThrows(InvalidInputException.class,
                        () -> RenderJob.skeleton(counts(14), Optional.of("coco"), "P")).getMessage());
        assertEquals("Predictions P have 17 keypoints per person but the crowdpose skeleton joins 14; use --dataset"
                        + " coco or leave --dataset out to follow the keypoint count.",
                assertThrows(InvalidInputException.class,
                        () -> RenderJob.skeleton(counts(17), Optional.of("crowdpose"), "P")).getMessage());
        assertEquals("Predictions P have 5 keypoints per person, but render draws the COCO (17) and CrowdPose (14)"
                        + " skeletons only.",
                assertThrows(InvalidInputException.class,
                        () -> RenderJob.skeleton(counts(5), Optional.empty(), "P")).getMessage());
        assertEquals("Predictions P mix people of 14 and 17 keypoints; render one model's predictions at a time"
                        + " (--model-id).",
                assertThrows(InvalidInputException.class,
                        () -> RenderJob.skeleton(counts(17, 14), Optional.empty(), "P")).getMessage());
    }

    @Test
    void crowdPoseLimbsAreDrawnBetweenTheOfficialJointPairs() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.write(images.resolve("a.png"), TestImages.png(200, 200));
        HadoopStorage storage = new HadoopStorage(new Configuration());
        FirstImages rows = predictions(14);
        RenderJob.Result result = new RenderJob(storage, RenderJob.skeleton(rows.keypointCounts(), Optional.empty(),
                "P"), 0.2).run(rows.images(), storage.qualified(images.toString()),
                storage.qualified(tmp.resolve("out").toString()));
        assertEquals(List.of(), result.failed());
        BufferedImage drawn = ImageIO.read(tmp.resolve("out/000000000001.png").toFile());
        // left_shoulder - left_hip is an official CrowdPose limb; neck - left_hip is not.
        assertNotEquals(0, drawn.getRGB(127, 85) & 0xFFFFFF, "left shoulder to left hip");
        assertEquals(0, drawn.getRGB(112, 80) & 0xFFFFFF, "no neck to left hip");
        assertNotEquals(0, drawn.getRGB(100, 30) & 0xFFFFFF, "head to neck");
    }
}
