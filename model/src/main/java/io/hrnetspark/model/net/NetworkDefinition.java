package io.hrnetspark.model.net;

import io.hrnetspark.model.config.ImageSize;
import java.util.List;

/**
 * A network as a pure tensor function: an NCHW RGB batch in, named NCHW outputs out. Running
 * {@link #forward} against a {@link LayerOps} target builds the graph, traces the parameter layout
 * or counts multiply-adds, all from this one description.
 */
public interface NetworkDefinition {

    /** Channels of the input image tensor. */
    int INPUT_CHANNELS = 3;

    /** The input size the network was configured for ([w, h]). */
    ImageSize inputSize();

    /**
     * The input height and width must be multiples of this: 32 for networks that downsample five
     * times and upsample back by fixed factors (the pose networks), 1 for any size.
     */
    default int inputSizeMultiple() {
        return 32;
    }

    /** Names of the outputs, in the order {@link #forward} returns them. */
    List<String> outputNames();

    /** The network applied to {@code image}, an NCHW batch with {@link #INPUT_CHANNELS} channels. */
    <T> List<T> forward(LayerOps<T> ops, T image);
}
