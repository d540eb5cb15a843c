package io.hrnetspark.model.predict;

import java.util.List;

/**
 * One input (an image, with its boxes for top-down) ready for the network: its samples and, as a
 * context that rides along, everything needed to turn their outputs into the result (the input's
 * size, each crop's center and scale, each window's place...). It holds no reference to the
 * decoded image, which may be closed once this is prepared.
 *
 * <p>Thread contract: {@link #decode} may run on any thread, concurrently with the decoding of other
 * inputs and with forward passes; it is called once, by one thread, with the outputs of all samples.
 *
 * @param <R> the result type of the head
 */
public interface PreparedInput<R> {

    /** The network inputs of this input, in the order {@link #decode} expects their outputs; may be empty. */
    List<NetworkSample> samples();

    /**
     * The result from the outputs of {@link #samples()}, one per sample in the same order. Does not
     * close the outputs.
     */
    R decode(List<SampleOutput> outputs);
}
