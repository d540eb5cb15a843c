package io.hrnetspark.model.predict;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a stream of prepared inputs through a {@link BatchPredictor} in batches, with bounded memory.
 * Inputs are added in stream order; their samples wait in a window of {@code window} samples (by
 * default two batches; plus the rest of the last input added). Each batch takes samples of one
 * shape, in stream order, from any inputs, a full batch whenever the window holds one (see
 * {@link #runBatch}); so crops of several images, whole images of the same resized size, or windows
 * and scales of large images share forward passes, and no input waits long. An input is decoded as soon as all its
 * samples are done (its outputs are then closed) and handed back in stream order, as soon as every
 * earlier input has been handed back too. Whatever the stream's length, it holds about two batches
 * of samples and outputs, and the results of the inputs inside that window.
 *
 * <p>Thread-confined: one instance per stream (a Spark task), any number of them over one shared
 * predictor. Forward passes and decoding run on the calling thread; failures propagate.
 *
 * @param <K> what identifies an input to the caller (a work item, a file name)
 * @param <R> the result type of the predictor
 */
public final class StreamBatcher<K, R> {

    /** An input handed back: its key and result ({@code null} for a key added by {@link #skip}). */
    public record Completed<K, R>(K key, R result) {
    }

    /** An input of {@link #stream}: a prepared input, or ({@code prepared == null}) a key to pass through. */
    public record Input<K, R>(K key, PreparedInput<R> prepared) {

        public static <K, R> Input<K, R> of(K key, PreparedInput<R> prepared) {
            if (prepared == null) {
                throw new IllegalArgumentException("Use skipped(key) for an input without prepared samples");
            }
            return new Input<>(key, prepared);
        }

        /** A key with nothing to predict (e.g. an unreadable image), handed back in its place in the stream. */
        public static <K, R> Input<K, R> skipped(K key) {
            return new Input<>(key, null);
        }
    }

    /**
     * What this stream has done.
     *
     * @param forwardNanos time in {@link BatchPredictor#forward}, waiting for the network included
     * @param decodeNanos  time decoding outputs into results
     */
    public record Stats(long inputs, long batches, long samples, long forwardNanos, long decodeNanos,
                        int maxSamplesHeld) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d inputs, %d batches, %d samples, forward %.2f s, decode %.2f s, "
                    + "at most %d samples held", inputs, batches, samples, forwardNanos / 1e9, decodeNanos / 1e9,
                    maxSamplesHeld);
        }
    }

    private static final class Entry<K, R> {
        final K key;
        PreparedInput<R> input;
        SampleOutput[] outputs;
        int remaining;
        R result;
        boolean done;

        Entry(K key, PreparedInput<R> input, int samples) {
            this.key = key;
            this.input = input;
            this.outputs = new SampleOutput[samples];
            this.remaining = samples;
        }
    }

    /** A sample waiting for a forward pass; {@code queuedAt} is the number of batches run when it was queued. */
    private record Slot<K, R>(Entry<K, R> entry, int index, NetworkSample sample, long queuedAt) {
    }

    /** Batches the oldest waiting sample may be passed over by full batches of other shapes. */
    private static final int PATIENCE = 2;

    private final BatchPredictor<?, ?> predictor;
    private final int batchSize;
    private final int lookahead;
    private final Deque<Entry<K, R>> entries = new ArrayDeque<>();
    private final LinkedList<Slot<K, R>> queued = new LinkedList<>();
    private int outputsHeld;
    private long inputs;
    private long batches;
    private long samples;
    private long forwardNanos;
    private long decodeNanos;
    private int maxSamplesHeld;

    /** A batcher whose window is two batches. */
    public StreamBatcher(BatchPredictor<?, ?> predictor, int batchSize) {
        this(predictor, batchSize, 2 * batchSize);
    }

    /**
     * @param batchSize samples per forward pass at most
     * @param window    samples that may wait for a batch before one runs (at least {@code batchSize}); a
     *                  larger window fills more batches when shapes vary, and holds more memory
     */
    public StreamBatcher(BatchPredictor<?, ?> predictor, int batchSize, int window) {
        if (batchSize < 1 || window < batchSize) {
            throw new IllegalArgumentException("Batch size must be at least 1 and the window at least one batch, got "
                    + batchSize + " and " + window);
        }
        this.predictor = predictor;
        this.batchSize = batchSize;
        this.lookahead = window;
    }

    /**
     * The results of {@code inputs}, in stream order: takes inputs while the window has room, then
     * runs a batch, handing back each result as soon as it and all earlier ones
     * are done. The iterator is lazy: it reads {@code inputs} only as far as it needs to.
     */
    public static <K, R> Iterator<Completed<K, R>> stream(BatchPredictor<?, R> predictor, int batchSize,
                                                          Iterator<Input<K, R>> inputs) {
        return new StreamBatcher<K, R>(predictor, batchSize).stream(inputs);
    }

    /** As {@link #stream(BatchPredictor, int, Iterator)}, through this batcher (its window, its stats). */
    public Iterator<Completed<K, R>> stream(Iterator<Input<K, R>> inputs) {
        StreamBatcher<K, R> batcher = this;
        return new Iterator<>() {
            private Completed<K, R> next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    next = batcher.poll();
                    if (next != null) {
                        break;
                    }
                    if (inputs.hasNext() && batcher.wantsInput()) {
                        Input<K, R> input = inputs.next();
                        if (input.prepared() == null) {
                            batcher.skip(input.key());
                        } else {
                            batcher.add(input.key(), input.prepared());
                        }
                    } else if (batcher.hasQueuedSamples()) {
                        batcher.runBatch();
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Completed<K, R> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Completed<K, R> result = next;
                next = null;
                return result;
            }
        };
    }

    /**
     * One input through {@code predictor}'s network in batches of {@code batchSize} per shape, then
     * decoded: what {@link BatchPredictor#predict} does.
     */
    public static <R> R predictOne(BatchPredictor<?, ?> predictor, PreparedInput<R> input, int batchSize) {
        StreamBatcher<Object, R> batcher = new StreamBatcher<>(predictor, batchSize);
        batcher.add("input", input);
        while (batcher.hasQueuedSamples()) {
            batcher.runBatch();
        }
        return batcher.poll().result();
    }

    /** Whether the window has room: the caller should add an input before running a batch. */
    public boolean wantsInput() {
        return queued.size() < lookahead;
    }

    /** Adds the next input of the stream; one without samples is decoded at once. */
    public void add(K key, PreparedInput<R> input) {
        List<NetworkSample> inputSamples = input.samples();
        Entry<K, R> entry = new Entry<>(key, input, inputSamples.size());
        entries.add(entry);
        inputs++;
        if (inputSamples.isEmpty()) {
            decode(entry);
        }
        for (int i = 0; i < inputSamples.size(); i++) {
            queued.add(new Slot<>(entry, i, inputSamples.get(i), batches));
        }
        maxSamplesHeld = Math.max(maxSamplesHeld, samplesHeld());
    }

    /** Adds a key with nothing to predict; it is handed back with a {@code null} result in its place. */
    public void skip(K key) {
        Entry<K, R> entry = new Entry<>(key, null, 0);
        entry.done = true;
        entries.add(entry);
        inputs++;
    }

    public boolean hasQueuedSamples() {
        return !queued.isEmpty();
    }

    /**
     * Runs one batch of one shape, {@code batchSize} samples in stream order if some shape has that
     * many waiting (the shape of the oldest waiting sample first), else as many as wait of the oldest
     * sample's shape; the oldest sample is passed over by full batches of other shapes at most twice,
     * so no input waits long. Decodes every input this completes.
     *
     * @throws IllegalStateException when no sample waits
     */
    public void runBatch() {
        if (queued.isEmpty()) {
            throw new IllegalStateException("No sample waits for a forward pass");
        }
        NetworkSample.Shape shape = nextShape();
        List<Slot<K, R>> slots = new ArrayList<>(batchSize);
        Iterator<Slot<K, R>> waiting = queued.iterator();
        while (waiting.hasNext() && slots.size() < batchSize) {
            Slot<K, R> slot = waiting.next();
            if (slot.sample().shape().equals(shape)) {
                slots.add(slot);
                waiting.remove();
            }
        }
        List<NetworkSample> batch = new ArrayList<>(slots.size());
        for (Slot<K, R> slot : slots) {
            batch.add(slot.sample());
        }
        long start = System.nanoTime();
        List<SampleOutput> outputs = predictor.forward(batch);
        forwardNanos += System.nanoTime() - start;
        if (outputs.size() != batch.size()) {
            throw new IllegalStateException("The predictor returned " + outputs.size() + " outputs for "
                    + batch.size() + " samples");
        }
        batches++;
        samples += batch.size();
        outputsHeld += slots.size();
        maxSamplesHeld = Math.max(maxSamplesHeld, samplesHeld());
        for (int i = 0; i < slots.size(); i++) {
            Entry<K, R> entry = slots.get(i).entry();
            entry.outputs[slots.get(i).index()] = outputs.get(i);
            if (--entry.remaining == 0) {
                decode(entry);
            }
        }
    }

    private NetworkSample.Shape nextShape() {
        Slot<K, R> oldest = queued.getFirst();
        Map<NetworkSample.Shape, Integer> counts = new LinkedHashMap<>();
        for (Slot<K, R> slot : queued) {
            counts.merge(slot.sample().shape(), 1, Integer::sum);
        }
        NetworkSample.Shape shape = oldest.sample().shape();
        if (counts.get(shape) >= batchSize || batches - oldest.queuedAt() >= PATIENCE) {
            return shape;
        }
        for (Map.Entry<NetworkSample.Shape, Integer> count : counts.entrySet()) {
            if (count.getValue() >= batchSize) {
                return count.getKey();
            }
        }
        return shape;
    }

    /** The next result in stream order if it is done, else {@code null}. */
    public Completed<K, R> poll() {
        Entry<K, R> head = entries.peek();
        if (head == null || !head.done) {
            return null;
        }
        entries.poll();
        return new Completed<>(head.key, head.result);
    }

    /** Samples held now: waiting for a batch, or forwarded with their input not yet decoded. */
    public int samplesHeld() {
        return queued.size() + outputsHeld;
    }

    /** Inputs added and not yet handed back. */
    public int inputsHeld() {
        return entries.size();
    }

    public Stats stats() {
        return new Stats(inputs, batches, samples, forwardNanos, decodeNanos, maxSamplesHeld);
    }

    private void decode(Entry<K, R> entry) {
        long start = System.nanoTime();
        List<SampleOutput> outputs = Arrays.asList(entry.outputs);
        try {
            entry.result = entry.input.decode(outputs);
        } finally {
            for (SampleOutput output : outputs) {
                output.maps().forEach(INDArray::close);
            }
        }
        decodeNanos += System.nanoTime() - start;
        outputsHeld -= outputs.size();
        entry.outputs = null;
        entry.input = null;
        entry.done = true;
    }
}
