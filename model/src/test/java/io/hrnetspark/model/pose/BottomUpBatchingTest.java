package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.config.BottomUpPoseConfig;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.predict.StreamBatcher;
import io.hrnetspark.model.predict.StreamBatcher.Completed;
import io.hrnetspark.model.predict.StreamBatcher.Input;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bottom-up batches larger than one (the official code runs one image at a time): images whose
 * resized inputs have the same size share forward passes, and every image's people and scores equal
 * those of batch size 1 exactly, for single- and multi-scale tests with the flip test.
 */
class BottomUpBatchingTest {

    /**
     * Regions of the higher-tiny photo: the first two have equal resized inputs (192x128), the others
     * 128x192 and 128x128; the whole photo follows (128x128 too). Every new input shape and batch size costs the executor a plan, so the
     * test keeps their number small.
     */
    private static final int[][] REGIONS = {{0, 0, 300, 220}, {100, 150, 280, 210}, {50, 40, 210, 280},
        {0, 300, 200, 200}};

    @TempDir
    static Path dir;

    private static List<RgbImage> images;

    @BeforeAll
    static void cutImages() {
        images = new ArrayList<>();
        try (RgbImage photo = RgbImage.decode(Fixtures.bytes("higher-tiny/image.png"), "image.png")) {
            byte[] pixels = photo.pixels();
            for (int[] r : REGIONS) {
                byte[] region = new byte[r[2] * r[3] * 3];
                for (int y = 0; y < r[3]; y++) {
                    System.arraycopy(pixels, ((r[1] + y) * photo.width() + r[0]) * 3, region, y * r[2] * 3, r[2] * 3);
                }
                images.add(RgbImage.fromRgb(region, r[2], r[3]));
            }
            images.add(RgbImage.fromRgb(pixels, photo.width(), photo.height()));
        }
    }

    @AfterAll
    static void closeImages() {
        images.forEach(RgbImage::close);
    }

    @Test
    void singleScaleBatchesEqualBatchOne() throws Exception {
        try (BottomUpPoseEstimator estimator = estimator(config(null))) {
            List<List<BottomUpPose>> reference = run(estimator, 0, images.size(), 1);
            assertTrue(reference.stream().mapToInt(List::size).sum() > 0, "the images have people");
            StreamBatcher.Stats stats = assertEqualPeople(reference, estimator, 0, images.size(), 4);
            // 5 images x (input + mirror) = 10 samples in 3 shapes: images 0 and 1, 3 and 4 share batches of 4.
            assertEquals(3, stats.batches(), stats.toString());
            // The single-image path (input and mirror in one batch) is the same too.
            for (int i = 0; i < images.size(); i++) {
                assertSamePeople(reference.get(i), estimator.estimate(images.get(i)), "image " + i);
            }
        }
    }

    @Test
    void multiScaleBatchesEqualBatchOne() throws Exception {
        try (BottomUpPoseEstimator estimator = estimator(config("  - 2\n  - 1\n  - 0.5\n"))) {
            List<List<BottomUpPose>> reference = run(estimator, 3, 5, 1);
            assertTrue(reference.stream().mapToInt(List::size).sum() > 0, "the images have people");
            StreamBatcher.Stats stats = assertEqualPeople(reference, estimator, 3, 5, 4);
            // Images 3 and 4 have equal inputs at each of the 3 scales: one batch of 4 samples per scale.
            assertEquals(3, stats.batches(), stats.toString());
        }
    }

    /** Images {@code [from, to)} in batches of {@code batch} give the {@code reference} people. */
    private static StreamBatcher.Stats assertEqualPeople(List<List<BottomUpPose>> reference,
                                                         BottomUpPoseEstimator estimator, int from, int to, int batch) {
        StreamBatcher<Integer, List<BottomUpPose>> batcher = new StreamBatcher<>(estimator, batch);
        List<List<BottomUpPose>> batched = collect(batcher.stream(inputs(estimator, from, to)));
        for (int i = 0; i < to - from; i++) {
            assertSamePeople(reference.get(i), batched.get(i), "batch " + batch + ", image " + i);
        }
        return batcher.stats();
    }

    private static void assertSamePeople(List<BottomUpPose> expected, List<BottomUpPose> actual, String where) {
        assertEquals(expected.size(), actual.size(), where + ": people");
        for (int p = 0; p < expected.size(); p++) {
            assertEquals(expected.get(p).score(), actual.get(p).score(), 0.0, where + ", person " + p + " score");
            for (int j = 0; j < expected.get(p).keypoints().length; j++) {
                assertArrayEquals(expected.get(p).keypoints()[j], actual.get(p).keypoints()[j],
                        where + ", person " + p + " joint " + j);
            }
        }
    }

    private static List<List<BottomUpPose>> run(BottomUpPoseEstimator estimator, int from, int to, int batch) {
        return collect(StreamBatcher.stream(estimator, batch, inputs(estimator, from, to)));
    }

    private static Iterator<Input<Integer, List<BottomUpPose>>> inputs(BottomUpPoseEstimator estimator, int from,
                                                                       int to) {
        List<Input<Integer, List<BottomUpPose>>> inputs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            inputs.add(Input.of(i - from, estimator.prepare(images.get(i))));
        }
        return inputs.iterator();
    }

    private static List<List<BottomUpPose>> collect(Iterator<Completed<Integer, List<BottomUpPose>>> results) {
        List<List<BottomUpPose>> people = new ArrayList<>();
        while (results.hasNext()) {
            Completed<Integer, List<BottomUpPose>> result = results.next();
            assertEquals(people.size(), result.key());
            people.add(result.result());
        }
        return people;
    }

    private static BottomUpPoseEstimator estimator(BottomUpPoseConfig config) {
        return BottomUpPoseEstimator.create(config, TorchCheckpoint.load(fixture("higher-tiny/model_legacy.pth")),
                true);
    }

    /** The higher-tiny config, with other {@code TEST.SCALE_FACTOR} list items when {@code scales} is given. */
    private static BottomUpPoseConfig config(String scales) throws IOException {
        Path file = fixture("higher-tiny/config.yaml");
        if (scales != null) {
            String text = Files.readString(file);
            file = Files.writeString(dir.resolve("multi-scale.yaml"),
                    text.replace("  SCALE_FACTOR:\n  - 1\n", "  SCALE_FACTOR:\n" + scales));
            assertTrue(Files.readString(file).contains("- 0.5"), "the scale factors were replaced");
        }
        return (BottomUpPoseConfig) ExperimentConfigReader.read(file);
    }

    private static Path fixture(String path) {
        try {
            return Path.of(BottomUpBatchingTest.class.getResource("/fixtures/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
