package io.hrnetspark.job.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.TaskBox;
import io.hrnetspark.job.storage.FileVersion;
import io.hrnetspark.job.storage.StoredFile;
import io.hrnetspark.job.testing.BoxEchoPoseModel;
import io.hrnetspark.job.testing.TestImages;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StreamingAnnotatorTest {

    private static final byte[] PNG = TestImages.png(64, 48);

    private static ImageTask task(long id, int boxes) {
        return new ImageTask(id, id + ".png",
                IntStream.range(0, boxes).mapToObj(i -> new TaskBox(i, i, i, 10, 20, 0.5)).toList());
    }

    private static List<ImageOutcome> drain(Iterator<ImageOutcome> outcomes) {
        List<ImageOutcome> all = new ArrayList<>();
        outcomes.forEachRemaining(all::add);
        return all;
    }

    @Test
    void cropsOfConsecutiveImagesFillFixedSizeBatches() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        BoxEchoPoseModel model = new BoxEchoPoseModel(batches::add, () -> { });
        List<ImageTask> tasks = List.of(task(1, 3), task(2, 1), task(3, 5), task(4, 2), task(5, 4));
        AtomicInteger imagesDone = new AtomicInteger();
        AtomicInteger cropsDone = new AtomicInteger();
        AnnotationProgress progress = new AnnotationProgress() {
            @Override
            public void imageDone() {
                imagesDone.incrementAndGet();
            }

            @Override
            public void cropsPredicted(int crops) {
                cropsDone.addAndGet(crops);
            }
        };
        StreamingAnnotator<?, ?> annotator = new StreamingAnnotator<>(tasks.iterator(), t -> stored(PNG), model, 4,
                Long.MAX_VALUE, Thread::new, progress);
        List<ImageOutcome> outcomes = drain(annotator);

        assertEquals(List.of(4, 4, 4, 3), batches, "15 crops in batches of 4, only the last smaller");
        assertEquals(5, outcomes.size());
        assertEquals(5, imagesDone.get());
        assertEquals(15, cropsDone.get());
        for (ImageOutcome outcome : outcomes) {
            assertEquals(64, outcome.width());
            assertEquals(48, outcome.height());
            assertTrue(outcome.errors().isEmpty());
            assertEquals(outcome.task().boxes(), outcome.persons().stream().map(PersonResult::box).toList());
            for (PersonResult person : outcome.persons()) {
                assertEquals(BoxEchoPoseModel.expectedScore(person.box()), person.pose().score());
                assertArrayEquals(BoxEchoPoseModel.expectedKeypoints(person.box()), person.pose().keypoints());
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), outcomes.stream().map(o -> o.task().imageId()).toList());
    }

    @Test
    void nothingBuffersTheWholeStream() {
        AtomicLong pulled = new AtomicLong();
        Iterator<ImageTask> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ImageTask next() {
                return task(pulled.incrementAndGet(), 3);
            }
        };
        int batchSize = 8;
        BoxEchoPoseModel model = new BoxEchoPoseModel(size -> { }, () -> { });
        try (StreamingAnnotator<?, ?> annotator = new StreamingAnnotator<>(endless, t -> stored(PNG), model, batchSize,
                Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE)) {
            int maxInFlight = 0;
            for (int i = 0; i < 200; i++) {
                assertTrue(annotator.hasNext());
                annotator.next();
                maxInFlight = Math.max(maxInFlight, annotator.cropsInFlight());
            }
            assertTrue(maxInFlight <= 2 * batchSize + 3, "crops in flight: " + maxInFlight);
            assertTrue(pulled.get() < 200 + 2 * batchSize, "tasks pulled: " + pulled.get());
        }
    }

    @Test
    void decodingOverlapsInference() throws InterruptedException {
        // The first forward pass waits until the background thread has decoded an image of the next batch:
        // without overlap this would never happen and the test would time out.
        CountDownLatch nextBatchDecoded = new CountDownLatch(1);
        AtomicInteger decoded = new AtomicInteger();
        List<String> decodeThreads = new CopyOnWriteArrayList<>();
        BoxEchoPoseModel echo = new BoxEchoPoseModel(size -> awaitQuietly(nextBatchDecoded), () -> { });
        PoseBatchModel<BoxEchoPoseModel.Image, TaskBox> model = new DelegatingModel(echo) {
            @Override
            public BoxEchoPoseModel.Image decode(byte[] encoded, String name) {
                decodeThreads.add(Thread.currentThread().getName());
                if (decoded.incrementAndGet() == 3) {
                    nextBatchDecoded.countDown();
                }
                return super.decode(encoded, name);
            }
        };
        List<ImageTask> tasks = List.of(task(1, 2), task(2, 2), task(3, 2), task(4, 2));
        String caller = Thread.currentThread().getName();
        List<ImageOutcome> outcomes = drain(new StreamingAnnotator<>(tasks.iterator(), t -> stored(PNG), model, 4,
                Long.MAX_VALUE, r -> new Thread(r, "preparer"), AnnotationProgress.NONE));
        assertEquals(4, outcomes.size());
        assertEquals(List.of("preparer"), decodeThreads.stream().distinct().toList());
        assertFalse(caller.equals("preparer"));
    }

    @Test
    void badInputsBecomeErrorsAndTheStreamGoesOn() {
        ImageTask missing = new ImageTask(1, "missing.png", List.of(new TaskBox(0, 1, 1, 5, 5, 1)));
        ImageTask empty = new ImageTask(2, "empty.png", List.of(new TaskBox(0, 1, 1, 5, 5, 1)));
        ImageTask corrupt = new ImageTask(3, "corrupt.png", List.of(new TaskBox(0, 1, 1, 5, 5, 1)));
        ImageTask text = new ImageTask(4, "notes.png", List.of(new TaskBox(0, 1, 1, 5, 5, 1)));
        ImageTask boxes = new ImageTask(5, "boxes.png", List.of(
                new TaskBox(0, 10, 10, 0, 20, 1),
                new TaskBox(1, 100, 10, 5, 5, 1),
                new TaskBox(2, -20, -20, 25, 25, 1),
                new TaskBox(3, Double.NaN, 0, 5, 5, 1),
                new TaskBox(4, -30, 40, 10, 10, 1)));
        ImageTask good = task(6, 2);
        byte[] truncated = Arrays.copyOf(PNG, PNG.length / 2);
        Map<String, byte[]> files = Map.of("empty.png", new byte[0], "corrupt.png", truncated,
                "notes.png", "just text".getBytes(), "boxes.png", PNG, "6.png", PNG);
        ImageBytes source = t -> {
            byte[] bytes = files.get(t.filePath());
            if (bytes == null) {
                throw new FileNotFoundException("File " + t.filePath() + " does not exist");
            }
            return stored(bytes);
        };
        List<ImageOutcome> outcomes = drain(new StreamingAnnotator<>(
                List.of(missing, empty, corrupt, text, boxes, good).iterator(), source,
                new BoxEchoPoseModel(size -> { }, () -> { }), 2, Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE));
        Map<Long, ImageOutcome> byId = new java.util.HashMap<>();
        outcomes.forEach(o -> byId.put(o.task().imageId(), o));
        assertEquals(6, byId.size());

        ImageError read = byId.get(1L).errors().get(0);
        assertEquals(ErrorStage.READ, read.stage());
        assertEquals(FileNotFoundException.class.getName(), read.errorClass());
        assertEquals("Image file empty.png is empty (0 bytes).", byId.get(2L).errors().get(0).message());
        assertEquals(ErrorStage.DECODE, byId.get(2L).errors().get(0).stage(),
                "an empty file is retried once it changes (it may have been caught while being written)");
        assertEquals(ErrorStage.DECODE, byId.get(3L).errors().get(0).stage());
        assertEquals(ErrorStage.DECODE, byId.get(4L).errors().get(0).stage());
        for (long id = 1; id <= 4; id++) {
            assertTrue(byId.get(id).persons().isEmpty());
            assertEquals(1, byId.get(id).errors().size());
            assertNull(byId.get(id).errors().get(0).personIndex());
        }

        ImageOutcome mixed = byId.get(5L);
        assertEquals(List.of(2), mixed.persons().stream().map(p -> p.box().index()).toList(),
                "the box partly outside the image is cropped");
        assertEquals(List.of(0, 1, 3, 4), mixed.errors().stream().map(ImageError::personIndex).toList());
        assertTrue(mixed.errors().stream().allMatch(e -> e.stage() == ErrorStage.BOX));
        assertEquals("Box 0 [10, 10, 0, 20] of boxes.png has zero or negative size; the box was skipped.",
                mixed.errors().get(0).message());
        assertEquals("Box 1 [100, 10, 5, 5] of boxes.png lies entirely outside the 64x48 image; the box was skipped.",
                mixed.errors().get(1).message());
        assertEquals("Box 3 [NaN, 0, 5, 5] of boxes.png has a coordinate that is not a finite number;"
                + " the box was skipped.", mixed.errors().get(2).message());

        assertEquals(2, byId.get(6L).persons().size());
        assertTrue(byId.get(6L).errors().isEmpty());
    }

    @Test
    void aFailingCropIsAnErrorOfItsBox() {
        BoxEchoPoseModel echo = new BoxEchoPoseModel(size -> { }, () -> { });
        PoseBatchModel<BoxEchoPoseModel.Image, TaskBox> model = new DelegatingModel(echo) {
            @Override
            public TaskBox prepare(BoxEchoPoseModel.Image image, TaskBox box) {
                if (box.index() == 1) {
                    throw new IllegalArgumentException("cannot warp");
                }
                return super.prepare(image, box);
            }
        };
        List<ImageOutcome> outcomes = drain(new StreamingAnnotator<>(List.of(task(1, 3)).iterator(), t -> stored(PNG),
                model, 4, Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE));
        ImageOutcome outcome = outcomes.get(0);
        assertEquals(List.of(0, 2), outcome.persons().stream().map(p -> p.box().index()).toList());
        assertEquals(new ImageError(ErrorStage.CROP, 1, IllegalArgumentException.class.getName(), "cannot warp"),
                outcome.errors().get(0));
    }

    @Test
    void networkFailuresFailTheTask() {
        BoxEchoPoseModel model = new BoxEchoPoseModel(size -> {
            throw new IllegalStateException("CUDA error");
        }, () -> { });
        StreamingAnnotator<?, ?> annotator = new StreamingAnnotator<>(List.of(task(1, 1)).iterator(), t -> stored(PNG),
                model, 4, Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE);
        assertEquals("CUDA error", assertThrows(IllegalStateException.class, annotator::hasNext).getMessage());
        annotator.close();
    }

    @Test
    void nmsFlagsComeFromTheModelPerImage() {
        ImageTask duplicates = new ImageTask(1, "1.png", List.of(new TaskBox(0, 1, 1, 5, 5, 0.9),
                new TaskBox(1, 1, 1, 5, 5, 0.8), new TaskBox(2, 2, 2, 5, 5, 0.7)));
        List<ImageOutcome> outcomes = drain(new StreamingAnnotator<>(List.of(duplicates).iterator(), t -> stored(PNG),
                new BoxEchoPoseModel(size -> { }, () -> { }), 2, Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE));
        assertEquals(List.of(true, false, true),
                outcomes.get(0).persons().stream().map(PersonResult::keptByNms).toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the next batch was never decoded during inference");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Forwards to the echo model, so tests can override one call. */
    private static class DelegatingModel implements PoseBatchModel<BoxEchoPoseModel.Image, TaskBox> {
        private final BoxEchoPoseModel model;

        DelegatingModel(BoxEchoPoseModel model) {
            this.model = model;
        }

        @Override
        public BoxEchoPoseModel.Image decode(byte[] encoded, String name) {
            return model.decode(encoded, name);
        }

        @Override
        public TaskBox prepare(BoxEchoPoseModel.Image image, TaskBox box) {
            return model.prepare(image, box);
        }

        @Override
        public List<PosePrediction> predict(List<TaskBox> crops) {
            return model.predict(crops);
        }

        @Override
        public boolean[] keptByNms(List<TaskBox> boxes, List<PosePrediction> poses) {
            return model.keptByNms(boxes, poses);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    @Test
    void anImageDeclaringMorePixelsThanTheLimitIsRefusedBeforeDecoding() {
        AtomicInteger decoded = new AtomicInteger();
        BoxEchoPoseModel echo = new BoxEchoPoseModel(size -> { }, () -> { });
        PoseBatchModel<BoxEchoPoseModel.Image, TaskBox> counting = new DelegatingModel(echo) {
            @Override
            public BoxEchoPoseModel.Image decode(byte[] encoded, String name) {
                decoded.incrementAndGet();
                return super.decode(encoded, name);
            }
        };
        byte[] bomb = TestImages.pngDeclaring(30000, 30000);
        List<ImageOutcome> outcomes = drain(new StreamingAnnotator<>(List.of(task(1, 1), task(2, 1)).iterator(),
                t -> stored(t.imageId() == 1 ? bomb : PNG), counting, 2, 100_000_000L, Thread::new,
                AnnotationProgress.NONE));
        ImageError refused = outcomes.get(0).errors().get(0);
        assertEquals(ErrorStage.DECODE, refused.stage());
        assertEquals("Image '1.png' declares 30000x30000 = 900,000,000 pixels, more than the limit of 100,000,000"
                + " (--max-image-pixels); it was not decoded. Raise the limit if the image is genuine.",
                refused.message());
        assertEquals(1, decoded.get(), "only the normal image was decoded");
        assertEquals(1, outcomes.get(1).persons().size());
    }

    @Test
    void aPoseWithAValueThatIsNotFiniteBecomesAnErrorNotARow() {
        BoxEchoPoseModel echo = new BoxEchoPoseModel(size -> { }, () -> { });
        PoseBatchModel<BoxEchoPoseModel.Image, TaskBox> overflowing = new DelegatingModel(echo) {
            @Override
            public List<PosePrediction> predict(List<TaskBox> crops) {
                List<PosePrediction> poses = new ArrayList<>(super.predict(crops));
                for (int i = 0; i < crops.size(); i++) {
                    if (crops.get(i).index() == 1) {
                        poses.set(i, new PosePrediction(poses.get(i).keypoints(), Double.POSITIVE_INFINITY));
                    }
                    if (crops.get(i).index() == 2) {
                        float[][] keypoints = poses.get(i).keypoints();
                        keypoints[3][0] = Float.NaN;
                    }
                }
                return poses;
            }
        };
        ImageOutcome outcome = drain(new StreamingAnnotator<>(List.of(task(1, 4)).iterator(), t -> stored(PNG),
                overflowing, 4, Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE)).get(0);
        assertEquals(List.of(0, 3), outcome.persons().stream().map(p -> p.box().index()).toList());
        assertEquals(List.of(1, 2), outcome.errors().stream().map(ImageError::personIndex).toList());
        assertTrue(outcome.errors().stream().allMatch(e -> e.stage() == ErrorStage.PREDICT));
        assertEquals(null, outcome.fatalError(), "the image itself was annotated");
    }

    @Test
    void absurdlyLargeBoxesAndBoxesWithoutAFiniteScoreAreBoxErrors() {
        ImageTask absurd = new ImageTask(1, "1.png", List.of(new TaskBox(0, -1e300, -1e300, 1e308, 1e308, 0.9),
                new TaskBox(1, 2, 3, 10, 10, Double.POSITIVE_INFINITY), new TaskBox(2, 2, 3, 10, 10, 0.9)));
        ImageOutcome outcome = drain(new StreamingAnnotator<>(List.of(absurd).iterator(), t -> stored(PNG),
                new BoxEchoPoseModel(size -> { }, () -> { }), 4, Long.MAX_VALUE, Thread::new,
                AnnotationProgress.NONE)).get(0);
        assertEquals(List.of(2), outcome.persons().stream().map(p -> p.box().index()).toList());
        assertEquals(List.of(
                "Box 0 [-1.0E300, -1.0E300, 1.0E308, 1.0E308] of 1.png is more than 100 times the size of the 64x48"
                        + " image; the box was skipped.",
                "Box 1 [2, 3, 10, 10] of 1.png has a score that is not a finite number; the box was skipped."),
                outcome.errors().stream().map(ImageError::message).toList());
    }

    private static StoredFile stored(byte[] bytes) {
        return new StoredFile(bytes, new FileVersion(bytes.length, 0));
    }
}
