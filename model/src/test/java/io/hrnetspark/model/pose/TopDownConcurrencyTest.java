package io.hrnetspark.model.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.config.ExperimentConfigReader;
import io.hrnetspark.model.config.TopDownPoseConfig;
import io.hrnetspark.model.fixture.Fixtures;
import io.hrnetspark.model.image.PoseTinyBoxes;
import io.hrnetspark.model.image.RgbImage;
import io.hrnetspark.model.predict.StreamBatcher;
import io.hrnetspark.model.predict.StreamBatcher.Completed;
import io.hrnetspark.model.predict.StreamBatcher.Input;
import io.hrnetspark.model.weights.TorchCheckpoint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The batch predictor's thread contract with a real network: several streams (Spark task threads)
 * prepare, forward and decode on one shared top-down estimator at once and get the single-thread
 * results bit for bit; OKS-NMS flags come with every person.
 */
class TopDownConcurrencyTest {

    private static final int THREADS = 3;
    private static final int IMAGES_PER_THREAD = 3;

    @Test
    void concurrentStreamsOnOneEstimatorGiveTheSequentialResults() throws Exception {
        try (TopDownPoseEstimator estimator = estimator();
             RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png")) {
            List<PersonBox> boxes = boxes();
            List<TopDownPerson> expected = estimator.predict(new ImageBoxes(image, boxes));
            assertEquals(boxes.size(), expected.size());
            assertEquals(List.of(true, true, true, false), expected.stream().map(TopDownPerson::keptByNms).toList());
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<List<List<TopDownPerson>>>> streams = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                streams.add(threads.submit(() -> {
                    List<Input<Integer, List<TopDownPerson>>> inputs = new ArrayList<>();
                    for (int i = 0; i < IMAGES_PER_THREAD; i++) {
                        inputs.add(Input.of(i, estimator.prepare(new ImageBoxes(image, boxes))));
                    }
                    List<List<TopDownPerson>> results = new ArrayList<>();
                    StreamBatcher.stream(estimator, estimator.defaultBatchSize(), inputs.iterator())
                            .forEachRemaining((Completed<Integer, List<TopDownPerson>> done) -> results.add(done.result()));
                    return results;
                }));
            }
            for (Future<List<List<TopDownPerson>>> stream : streams) {
                List<List<TopDownPerson>> results = stream.get();
                assertEquals(IMAGES_PER_THREAD, results.size());
                for (List<TopDownPerson> persons : results) {
                    for (int p = 0; p < expected.size(); p++) {
                        assertEquals(expected.get(p).score(), persons.get(p).score(), 0.0);
                        assertEquals(expected.get(p).keptByNms(), persons.get(p).keptByNms());
                        for (int k = 0; k < 17; k++) {
                            assertArrayEquals(expected.get(p).keypoints()[k], persons.get(p).keypoints()[k]);
                        }
                    }
                }
            }
            threads.shutdown();
            // The default batch (TEST.BATCH_SIZE_PER_GPU crops and their mirrors) holds a stream's 3 x 8 samples.
            assertEquals(1 + THREADS, estimator.networkStats().batches());
            assertEquals((1 + THREADS * IMAGES_PER_THREAD) * 2L * boxes.size(), estimator.networkStats().samples());
        }
    }

    @Test
    void aBoxThatCannotBeCroppedIsNamedByItsIndex() {
        try (TopDownPoseEstimator estimator = estimator();
             RgbImage image = RgbImage.decode(Fixtures.bytes("pose-tiny/image.png"), "image.png")) {
            List<PersonBox> boxes = new ArrayList<>(boxes());
            boxes.add(new PersonBox(10, 10, 0, 50, 0.9));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> estimator.prepare(new ImageBoxes(image, boxes)));
            assertTrue(e.getMessage().startsWith("Box 4: Person box [x, y, w, h] = [10.0, 10.0, 0.0, 50.0] has zero "
                    + "or negative size"), e.getMessage());
        }
    }

    /** The three fixture boxes and a duplicate of the first with a lower score, which OKS-NMS drops. */
    private static List<PersonBox> boxes() {
        List<PersonBox> boxes = new ArrayList<>();
        for (PoseTinyBoxes box : PoseTinyBoxes.load()) {
            double[] b = box.xywh();
            boxes.add(new PersonBox(b[0], b[1], b[2], b[3], 1.0));
        }
        PersonBox first = boxes.get(0);
        boxes.add(new PersonBox(first.x(), first.y(), first.width(), first.height(), 0.5));
        return boxes;
    }

    private static TopDownPoseEstimator estimator() {
        try {
            Path file = Path.of(TopDownConcurrencyTest.class.getResource("/fixtures/pose-tiny/config.yaml").toURI());
            return TopDownPoseEstimator.create((TopDownPoseConfig) ExperimentConfigReader.read(file),
                    TorchCheckpoint.load(Fixtures.bytes("pose-tiny/model_legacy.pth"), "model_legacy.pth"), true);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
