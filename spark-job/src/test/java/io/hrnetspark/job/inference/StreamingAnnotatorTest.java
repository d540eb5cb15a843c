package io.hrnetspark.job.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.storage.FileVersion;
import io.hrnetspark.job.storage.StoredFile;
import io.hrnetspark.job.testing.BoxEchoPredictor;
import io.hrnetspark.job.testing.TestImages;
import io.hrnetspark.model.pose.ImageBoxes;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.TopDownPerson;
import io.hrnetspark.model.predict.PreparedInput;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The streaming annotator with a top-down test double: batching, bounded memory, overlap, bad inputs. */
@Timeout(60)
class StreamingAnnotatorTest {

    private static final byte[] PNG = TestImages.png(64, 48);

    private static ImageTask task(long id, int boxes) {
        return new ImageTask(id, id + ".png",
                IntStream.range(0, boxes).mapToObj(i -> new PersonBox(i, i, 10, 20, 0.5)).toList());
    }

    private static StreamingAnnotator<ImageBoxes, List<TopDownPerson>, IndexedResult<TopDownPerson>> annotator(
            Iterator<ImageTask> tasks, ImageBytes source, BoxEchoPredictor predictor, int batchSize,
            long maxImagePixels, ThreadFactory threads, AnnotationProgress progress) {
        return new StreamingAnnotator<>(tasks, source, predictor, new TopDownInputs(), batchSize, maxImagePixels,
                threads, progress);
    }

    private static List<ImageOutcome<IndexedResult<TopDownPerson>>> annotate(List<ImageTask> tasks, ImageBytes source,
                                                                             BoxEchoPredictor predictor,
                                                                             int batchSize) {
        return drain(annotator(tasks.iterator(), source, predictor, batchSize, Long.MAX_VALUE, Thread::new,
                AnnotationProgress.NONE));
    }

    private static <T> List<ImageOutcome<T>> drain(Iterator<ImageOutcome<T>> outcomes) {
        List<ImageOutcome<T>> all = new ArrayList<>();
        outcomes.forEachRemaining(all::add);
        return all;
    }

    private static BoxEchoPredictor echo() {
        return new BoxEchoPredictor(size -> { }, () -> { });
    }

    /** An echo predictor that sees each input it prepares first. */
    private static BoxEchoPredictor preparing(Consumer<ImageBoxes> seen) {
        return new BoxEchoPredictor(size -> { }, () -> { }) {
            @Override
            public PreparedInput<List<TopDownPerson>> prepare(ImageBoxes input) {
                seen.accept(input);
                return super.prepare(input);
            }
        };
    }

    /** The task's index of each person written. */
    private static List<Integer> indices(ImageOutcome<IndexedResult<TopDownPerson>> outcome) {
        return outcome.results().stream().map(IndexedResult::index).toList();
    }

    @Test
    void samplesOfConsecutiveImagesFillFixedSizeBatches() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        BoxEchoPredictor predictor = new BoxEchoPredictor(batches::add, () -> { });
        List<ImageTask> tasks = List.of(task(1, 3), task(2, 1), task(3, 5), task(4, 2), task(5, 4));
        AtomicInteger imagesDone = new AtomicInteger();
        AtomicLong samplesDone = new AtomicLong();
        AnnotationProgress progress = new AnnotationProgress() {
            @Override
            public void imageDone() {
                imagesDone.incrementAndGet();
            }

            @Override
            public void samplesPredicted(long samples) {
                samplesDone.addAndGet(samples);
            }
        };
        List<ImageOutcome<IndexedResult<TopDownPerson>>> outcomes = drain(annotator(tasks.iterator(),
                t -> stored(PNG), predictor, 4, Long.MAX_VALUE, Thread::new, progress));

        assertEquals(List.of(4, 4, 4, 3), batches, "15 crops in batches of 4, only the last smaller");
        assertEquals(5, outcomes.size());
        assertEquals(5, imagesDone.get());
        assertEquals(15, samplesDone.get());
        for (ImageOutcome<IndexedResult<TopDownPerson>> outcome : outcomes) {
            assertEquals(64, outcome.width());
            assertEquals(48, outcome.height());
            assertTrue(outcome.errors().isEmpty());
            assertEquals(IntStream.range(0, outcome.task().boxes().size()).boxed().toList(), indices(outcome));
            for (IndexedResult<TopDownPerson> person : outcome.results()) {
                PersonBox box = outcome.task().boxes().get(person.index());
                assertEquals(box, person.value().box());
                assertEquals(BoxEchoPredictor.expectedScore(box), person.value().score());
                assertArrayEquals(BoxEchoPredictor.expectedKeypoints(box), person.value().keypoints());
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
        try (StreamingAnnotator<?, ?, ?> annotator = annotator(endless, t -> stored(PNG), echo(), batchSize,
                Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE)) {
            int maxInFlight = 0;
            for (int i = 0; i < 200; i++) {
                assertTrue(annotator.hasNext());
                annotator.next();
                maxInFlight = Math.max(maxInFlight, annotator.samplesInFlight());
            }
            assertTrue(maxInFlight <= 4 * batchSize + 2 * 3, "samples in flight: " + maxInFlight);
            assertTrue(pulled.get() < 200 + 2 * batchSize, "tasks pulled: " + pulled.get());
        }
    }

    @Test
    void preparingOverlapsInference() {
        // The first forward pass waits until the background thread has prepared an image beyond it: without
        // overlap this would never happen and the test would time out.
        CountDownLatch nextImagePrepared = new CountDownLatch(1);
        AtomicInteger prepared = new AtomicInteger();
        List<String> prepareThreads = new CopyOnWriteArrayList<>();
        BoxEchoPredictor predictor = new BoxEchoPredictor(size -> awaitQuietly(nextImagePrepared), () -> { }) {
            @Override
            public PreparedInput<List<TopDownPerson>> prepare(ImageBoxes input) {
                prepareThreads.add(Thread.currentThread().getName());
                if (prepared.incrementAndGet() == 3) {
                    nextImagePrepared.countDown();
                }
                return super.prepare(input);
            }
        };
        List<ImageTask> tasks = List.of(task(1, 2), task(2, 2), task(3, 2), task(4, 2));
        String caller = Thread.currentThread().getName();
        List<ImageOutcome<IndexedResult<TopDownPerson>>> outcomes = drain(annotator(tasks.iterator(),
                t -> stored(PNG), predictor, 2, Long.MAX_VALUE, r -> new Thread(r, "preparer"),
                AnnotationProgress.NONE));
        assertEquals(4, outcomes.size());
        assertEquals(List.of("preparer"), prepareThreads.stream().distinct().toList());
        assertFalse(caller.equals("preparer"));
    }

    @Test
    void badInputsBecomeErrorsAndTheStreamGoesOn() {
        ImageTask missing = new ImageTask(1, "missing.png", List.of(new PersonBox(1, 1, 5, 5, 1)));
        ImageTask empty = new ImageTask(2, "empty.png", List.of(new PersonBox(1, 1, 5, 5, 1)));
        ImageTask corrupt = new ImageTask(3, "corrupt.png", List.of(new PersonBox(1, 1, 5, 5, 1)));
        ImageTask text = new ImageTask(4, "notes.png", List.of(new PersonBox(1, 1, 5, 5, 1)));
        ImageTask boxes = new ImageTask(5, "boxes.png", List.of(
                new PersonBox(10, 10, 0, 20, 1),
                new PersonBox(100, 10, 5, 5, 1),
                new PersonBox(-20, -20, 25, 25, 1),
                new PersonBox(Double.NaN, 0, 5, 5, 1),
                new PersonBox(-30, 40, 10, 10, 1)));
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
        List<ImageOutcome<IndexedResult<TopDownPerson>>> outcomes = annotate(
                List.of(missing, empty, corrupt, text, boxes, good), source, echo(), 2);
        Map<Long, ImageOutcome<IndexedResult<TopDownPerson>>> byId = new HashMap<>();
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
            assertTrue(byId.get(id).results().isEmpty());
            assertEquals(1, byId.get(id).errors().size());
            assertNull(byId.get(id).errors().get(0).personIndex());
        }

        ImageOutcome<IndexedResult<TopDownPerson>> mixed = byId.get(5L);
        assertEquals(List.of(2), indices(mixed), "the box partly outside the image is cropped");
        assertEquals(new PersonBox(-20, -20, 25, 25, 1), mixed.results().get(0).value().box());
        assertEquals(List.of(0, 1, 3, 4), mixed.errors().stream().map(ImageError::personIndex).toList());
        assertTrue(mixed.errors().stream().allMatch(e -> e.stage() == ErrorStage.BOX));
        assertEquals("Box 0 [10, 10, 0, 20] of boxes.png has zero or negative size; the box was skipped.",
                mixed.errors().get(0).message());
        assertEquals("Box 1 [100, 10, 5, 5] of boxes.png lies entirely outside the 64x48 image; the box was skipped.",
                mixed.errors().get(1).message());
        assertEquals("Box 3 [NaN, 0, 5, 5] of boxes.png has a coordinate that is not a finite number;"
                + " the box was skipped.", mixed.errors().get(2).message());

        assertEquals(2, byId.get(6L).results().size());
        assertTrue(byId.get(6L).errors().isEmpty());
    }

    @Test
    void aBoxThatCannotBePreparedIsAnErrorOfItsBox() {
        BoxEchoPredictor predictor = preparing(input -> {
            if (input.boxes().stream().anyMatch(box -> box.x() == 1)) {
                throw new IllegalArgumentException("cannot warp");
            }
        });
        ImageOutcome<IndexedResult<TopDownPerson>> outcome = annotate(List.of(task(1, 3)), t -> stored(PNG),
                predictor, 4).get(0);
        assertEquals(List.of(0, 2), indices(outcome));
        assertEquals(List.of(new PersonBox(0, 0, 10, 20, 0.5), new PersonBox(2, 2, 10, 20, 0.5)),
                outcome.results().stream().map(p -> p.value().box()).toList());
        assertEquals(List.of(new ImageError(ErrorStage.CROP, 1, IllegalArgumentException.class.getName(),
                "cannot warp")), outcome.errors());
        assertNull(outcome.fatalError(), "the image itself was annotated");
    }

    @Test
    void networkFailuresFailTheTask() {
        BoxEchoPredictor predictor = new BoxEchoPredictor(size -> {
            throw new IllegalStateException("CUDA error");
        }, () -> { });
        StreamingAnnotator<?, ?, ?> annotator = annotator(List.of(task(1, 1)).iterator(), t -> stored(PNG), predictor,
                4, Long.MAX_VALUE, Thread::new, AnnotationProgress.NONE);
        assertEquals("CUDA error", assertThrows(IllegalStateException.class, annotator::hasNext).getMessage());
        annotator.close();
    }

    @Test
    void nmsFlagsComeFromThePredictorPerImage() {
        ImageTask duplicates = new ImageTask(1, "1.png", List.of(new PersonBox(1, 1, 5, 5, 0.9),
                new PersonBox(1, 1, 5, 5, 0.8), new PersonBox(2, 2, 5, 5, 0.7)));
        List<ImageOutcome<IndexedResult<TopDownPerson>>> outcomes = annotate(List.of(duplicates), t -> stored(PNG),
                echo(), 2);
        assertEquals(List.of(true, false, true),
                outcomes.get(0).results().stream().map(p -> p.value().keptByNms()).toList());
    }

    @Test
    void anImageDeclaringMorePixelsThanTheLimitIsRefusedBeforeDecoding() {
        AtomicInteger prepared = new AtomicInteger();
        byte[] bomb = TestImages.pngDeclaring(30000, 30000);
        List<ImageOutcome<IndexedResult<TopDownPerson>>> outcomes = drain(annotator(
                List.of(task(1, 1), task(2, 1)).iterator(), t -> stored(t.imageId() == 1 ? bomb : PNG),
                preparing(input -> prepared.incrementAndGet()), 2, 100_000_000L, Thread::new,
                AnnotationProgress.NONE));
        ImageError refused = outcomes.get(0).errors().get(0);
        assertEquals(ErrorStage.DECODE, refused.stage());
        assertEquals("Image '1.png' declares 30000x30000 = 900,000,000 pixels, more than the limit of 100,000,000"
                + " (--max-image-pixels); it was not decoded. Raise the limit if the image is genuine.",
                refused.message());
        assertEquals(1, prepared.get(), "only the normal image was decoded and prepared");
        assertEquals(1, outcomes.get(1).results().size());
    }

    @Test
    void aPoseWithAValueThatIsNotFiniteBecomesAnErrorNotARow() {
        BoxEchoPredictor overflowing = new BoxEchoPredictor(size -> { }, () -> { }) {
            @Override
            protected List<TopDownPerson> persons(List<PersonBox> boxes) {
                List<TopDownPerson> persons = new ArrayList<>(super.persons(boxes));
                TopDownPerson infinite = persons.get(1);
                persons.set(1, new TopDownPerson(infinite.box(), infinite.keypoints(), Double.POSITIVE_INFINITY,
                        true));
                persons.get(2).keypoints()[3][0] = Float.NaN;
                return persons;
            }
        };
        ImageOutcome<IndexedResult<TopDownPerson>> outcome = annotate(List.of(task(1, 4)), t -> stored(PNG),
                overflowing, 4).get(0);
        assertEquals(List.of(0, 3), indices(outcome));
        assertEquals(List.of(1, 2), outcome.errors().stream().map(ImageError::personIndex).toList());
        assertTrue(outcome.errors().stream().allMatch(e -> e.stage() == ErrorStage.PREDICT));
        assertEquals("The pose of box 1 of 1.png has a value that is not a finite number (the box or its score is out"
                + " of range); it was not written.", outcome.errors().get(0).message());
        assertEquals(null, outcome.fatalError(), "the image itself was annotated");
    }

    @Test
    void absurdlyLargeBoxesAndBoxesWithoutAFiniteScoreAreBoxErrors() {
        ImageTask absurd = new ImageTask(1, "1.png", List.of(new PersonBox(-1e300, -1e300, 1e308, 1e308, 0.9),
                new PersonBox(2, 3, 10, 10, Double.POSITIVE_INFINITY), new PersonBox(2, 3, 10, 10, 0.9)));
        ImageOutcome<IndexedResult<TopDownPerson>> outcome = annotate(List.of(absurd), t -> stored(PNG), echo(), 4)
                .get(0);
        assertEquals(List.of(2), indices(outcome));
        assertEquals(List.of(
                "Box 0 [-1.0E300, -1.0E300, 1.0E308, 1.0E308] of 1.png is more than 100 times the size of the 64x48"
                        + " image; the box was skipped.",
                "Box 1 [2, 3, 10, 10] of 1.png has a score that is not a finite number; the box was skipped."),
                outcome.errors().stream().map(ImageError::message).toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the next image was never prepared during inference");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static StoredFile stored(byte[] bytes) {
        return new StoredFile(bytes, new FileVersion(bytes.length, 0));
    }
}
