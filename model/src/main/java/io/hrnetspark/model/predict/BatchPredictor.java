package io.hrnetspark.model.predict;

import java.util.List;

/**
 * A network head behind one contract, in the spirit of DJL's {@code Translator}/{@code Predictor}:
 * {@link #prepare} turns an input into network samples plus a context ({@link PreparedInput}),
 * {@link #forward} runs a batch of equal-shape samples (from any inputs) through the one network, and
 * {@link PreparedInput#decode} turns one input's sample outputs into its result. Load once, use from
 * many threads, close once. {@link StreamBatcher} drives a stream of inputs through it.
 *
 * <p>Thread contract:
 * <ul>
 *   <li>{@link #prepare} and {@link PreparedInput#decode}: any number of threads at once; they share
 *       only immutable settings.</li>
 *   <li>{@link #forward}: any thread; the predictor itself runs one batch at a time on its network
 *       (a fair lock held only around the network call; stacking the batch and splitting the outputs
 *       run outside it), so callers never serialize and cannot run two batches on the network at
 *       once. The calling thread computes the batch: bind it to the device first on a GPU.</li>
 *   <li>{@link #close}: once, after the callers are done; it waits for a running batch, and a
 *       later {@link #forward} fails with {@code IllegalStateException}.</li>
 * </ul>
 *
 * @param <I> the input: an image, or an image with person boxes
 * @param <R> the per-input result
 */
public interface BatchPredictor<I, R> extends AutoCloseable {

    /**
     * The samples of {@code input} and their context; the input (and its image) may be closed
     * afterwards.
     *
     * @throws io.hrnetspark.model.InvalidInputException when the input cannot be pre-processed
     *                                                   (e.g. a person box of zero size)
     */
    PreparedInput<R> prepare(I input);

    /**
     * The outputs of a non-empty batch of samples of one shape, one per sample in order.
     *
     * @throws IllegalArgumentException when the batch is empty or mixes shapes
     * @throws IllegalStateException    after {@link #close}
     */
    List<SampleOutput> forward(List<NetworkSample> batch);

    /** Samples per forward pass of {@link #predict}: the config's test batch size (crops, or crops and mirrors). */
    int defaultBatchSize();

    /** What the network has done so far: batches, samples, time waiting for it and running it. */
    NetworkStats networkStats();

    /** One input's result: prepare, forward in batches of {@link #defaultBatchSize()} per shape, decode. */
    default R predict(I input) {
        return StreamBatcher.predictOne(this, prepare(input), defaultBatchSize());
    }

    /** Frees the network's native memory. */
    @Override
    void close();
}
