package io.hrnetspark.model.predict;

import static io.hrnetspark.model.predict.TaggedPredictor.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.predict.StreamBatcher.Completed;
import io.hrnetspark.model.predict.StreamBatcher.Input;
import io.hrnetspark.model.predict.TaggedPredictor.Batch;
import io.hrnetspark.model.predict.TaggedPredictor.Sample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The batching engine: order, batch composition, bounded memory and the edge cases of a stream. */
class StreamBatcherTest {

    private final TaggedPredictor predictor = new TaggedPredictor();

    @Test
    void cropsOfSeveralImagesFillBatchesAndOnlyTheLastIsPartial() {
        List<List<Sample>> images = List.of(
                List.of(sample(4, 1), sample(4, 2), sample(4, 3)),
                List.of(sample(4, 4), sample(4, 5)),
                List.of(sample(4, 6), sample(4, 7), sample(4, 8), sample(4, 9), sample(4, 10)));
        List<Completed<String, List<Float>>> results = run(images, 4);
        assertEquals(List.of(4, 4, 2), predictor.batches.stream().map(b -> b.tags().size()).toList());
        assertEquals(List.of(1f, 2f, 3f, 4f), predictor.batches.get(0).tags(), "stream order inside a batch");
        assertEquals(List.of("image 0", "image 1", "image 2"), results.stream().map(Completed::key).toList());
        for (int i = 0; i < images.size(); i++) {
            assertEquals(images.get(i).stream().map(Sample::tag).toList(), results.get(i).result(),
                    "each image gets the outputs of its own samples, in its sample order");
        }
    }

    @Test
    void mixedShapesGoInSeparateBatchesAndResultsKeepStreamOrder() {
        // Shapes alternate; each batch holds one shape, taken from any images, oldest sample first.
        List<List<Sample>> images = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            images.add(List.of(sample(i % 3 == 0 ? 8 : 4, i)));
        }
        List<Completed<String, List<Float>>> results = run(images, 3);
        for (Batch batch : predictor.batches) {
            assertTrue(batch.tags().size() <= 3);
            for (float tag : batch.tags()) {
                assertEquals(((int) tag) % 3 == 0 ? 8 : 4, batch.width(), "sample " + tag + " in a batch of its shape");
            }
        }
        assertEquals(12, predictor.batches.stream().mapToInt(b -> b.tags().size()).sum());
        assertEquals(IntStream.range(0, 12).mapToObj(i -> "image " + i).toList(),
                results.stream().map(Completed::key).toList());
        for (int i = 0; i < 12; i++) {
            assertEquals(List.of((float) i), results.get(i).result());
        }
        // A full batch of width 4 runs first; image 0 (width 8, the oldest) is passed over at most twice.
        assertEquals(new Batch(4, List.of(1f, 2f, 4f)), predictor.batches.get(0));
        int batchOfImage0 = IntStream.range(0, predictor.batches.size())
                .filter(b -> predictor.batches.get(b).tags().contains(0f)).findFirst().orElseThrow();
        assertTrue(batchOfImage0 <= 2, "image 0 ran in batch " + batchOfImage0);
    }

    @Test
    void anImageOfSeveralShapesIsDecodedOnceAllItsSamplesAreDone() {
        List<List<Sample>> images = List.of(
                List.of(sample(16, 1), sample(8, 2), sample(16, 3), sample(4, 4)),
                List.of(sample(8, 5)),
                List.of(sample(16, 6), sample(4, 7)));
        List<Completed<String, List<Float>>> results = run(images, 2);
        assertEquals(List.of(1f, 2f, 3f, 4f), results.get(0).result());
        assertEquals(List.of(5f), results.get(1).result());
        assertEquals(List.of(6f, 7f), results.get(2).result());
        assertEquals(3, predictor.decoded);
    }

    @Test
    void imagesWithoutSamplesAndSkippedKeysKeepTheirPlace() {
        List<Input<String, List<Float>>> inputs = List.of(
                Input.of("a", predictor.prepare(List.of(sample(4, 1)))),
                Input.of("empty", predictor.prepare(List.of())),
                Input.skipped("unreadable"),
                Input.of("b", predictor.prepare(List.of(sample(4, 2)))));
        List<Completed<String, List<Float>>> results = new ArrayList<>();
        StreamBatcher.stream(predictor, 8, inputs.iterator()).forEachRemaining(results::add);
        assertEquals(List.of("a", "empty", "unreadable", "b"), results.stream().map(Completed::key).toList());
        assertEquals(List.of(), results.get(1).result());
        assertNull(results.get(2).result());
        assertEquals(1, predictor.batches.size(), "the empty and skipped inputs do not split the batch");
    }

    @Test
    void aStreamWithoutSamplesNeverRunsTheNetwork() {
        List<Input<String, List<Float>>> inputs = List.of(Input.skipped("x"),
                Input.of("y", predictor.prepare(List.of())));
        List<Completed<String, List<Float>>> results = new ArrayList<>();
        StreamBatcher.stream(predictor, 4, inputs.iterator()).forEachRemaining(results::add);
        assertEquals(2, results.size());
        assertEquals(0, predictor.batches.size());
        assertTrue(!StreamBatcher.stream(predictor, 4, List.<Input<String, List<Float>>>of().iterator()).hasNext());
    }

    /**
     * A long stream is read lazily and held in a window of about two batches: never more than
     * {@code 2 * batch} waiting samples plus the rest of the last image added, whatever the length.
     */
    @Test
    void memoryStaysBoundedOnALongStream() {
        int batch = 8;
        int images = 5000;
        int[] pulled = {0};
        Iterator<Input<String, List<Float>>> inputs = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled[0] < images;
            }

            @Override
            public Input<String, List<Float>> next() {
                int i = pulled[0]++;
                List<Sample> samples = new ArrayList<>();
                for (int s = 0; s < i % 4; s++) {
                    samples.add(sample(i % 7 == 0 ? 8 : 4, i));
                }
                return Input.of("image " + i, predictor.prepare(samples));
            }
        };
        StreamBatcher<String, List<Float>> batcher = new StreamBatcher<>(predictor, batch);
        Iterator<Completed<String, List<Float>>> results = batcher.stream(inputs);
        int emitted = 0;
        int maxAhead = 0;
        while (results.hasNext()) {
            Completed<String, List<Float>> result = results.next();
            assertEquals("image " + emitted, result.key());
            emitted++;
            maxAhead = Math.max(maxAhead, pulled[0] - emitted);
        }
        assertEquals(images, emitted);
        assertTrue(maxAhead <= 2 * batch + 2, "read at most about two batches ahead, was " + maxAhead);
        // The common shape (6 images in 7) always fills its batches; the rare one cannot in a window of 16.
        long partialCommon = predictor.batches.stream().filter(b -> b.width() == 4 && b.tags().size() < batch).count();
        assertTrue(partialCommon <= 1, partialCommon + " partial batches of the common shape");
        assertEquals(0, batcher.samplesHeld());
    }

    @Test
    void samplesHeldStayWithinTwoBatchesAndOneImage() {
        int batch = 4;
        StreamBatcher<Integer, List<Float>> batcher = new StreamBatcher<>(predictor, batch);
        int next = 0;
        int emitted = 0;
        int maxHeld = 0;
        while (emitted < 300) {
            if (next < 300 && batcher.wantsInput()) {
                List<Sample> samples = new ArrayList<>();
                for (int s = 0; s < 1 + next % 3; s++) {
                    samples.add(sample(next % 2 == 0 ? 4 : 8, next));
                }
                batcher.add(next++, predictor.prepare(samples));
            } else if (batcher.hasQueuedSamples()) {
                batcher.runBatch();
            }
            maxHeld = Math.max(maxHeld, batcher.samplesHeld());
            for (Completed<Integer, List<Float>> done = batcher.poll(); done != null; done = batcher.poll()) {
                assertEquals(emitted++, done.key());
            }
        }
        assertTrue(maxHeld <= 2 * batch + 2 * 3, "held " + maxHeld);
        assertEquals(maxHeld, batcher.stats().maxSamplesHeld());
        assertEquals(0, batcher.samplesHeld());
        assertEquals(0, batcher.inputsHeld());
    }

    @Test
    void outputsAreClosedOnceDecoded() {
        run(List.of(List.of(sample(4, 1), sample(4, 2)), List.of(sample(8, 3))), 2);
        assertEquals(3, predictor.outputs.size());
        assertTrue(predictor.outputs.stream().allMatch(a -> a.wasClosed()));
    }

    @Test
    void aFailingForwardPassPropagates() {
        predictor.failure = new IllegalStateException("device lost");
        Iterator<Completed<String, List<Float>>> results = StreamBatcher.stream(predictor, 2,
                List.of(Input.of("a", predictor.prepare(List.of(sample(4, 1))))).iterator());
        IllegalStateException e = assertThrows(IllegalStateException.class, results::hasNext);
        assertSame(predictor.failure, e);
    }

    @Test
    void predictRunsOneInputInBatchesOfTheDefaultSize() {
        List<Float> result = predictor.predict(List.of(sample(4, 1), sample(8, 2), sample(4, 3), sample(4, 4)));
        assertEquals(List.of(1f, 2f, 3f, 4f), result);
        assertEquals(List.of(new Batch(4, List.of(1f, 3f)), new Batch(8, List.of(2f)), new Batch(4, List.of(4f))),
                predictor.batches);
    }

    private List<Completed<String, List<Float>>> run(List<List<Sample>> images, int batchSize) {
        List<Input<String, List<Float>>> inputs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            inputs.add(Input.of("image " + i, predictor.prepare(images.get(i))));
        }
        List<Completed<String, List<Float>>> results = new ArrayList<>();
        StreamBatcher.stream(predictor, batchSize, inputs.iterator()).forEachRemaining(results::add);
        return results;
    }
}
