package io.hrnetspark.job.inference;

import io.hrnetspark.job.manifest.TaskBox;
import java.util.List;

/**
 * What partition inference needs from a top-down pose model: decode an image, cut one prepared crop
 * per person box, turn a batch of crops (from any images) into poses, and pick the persons OKS-NMS
 * keeps among those of one image.
 *
 * <p>{@link #decode} and {@link #prepare} are pure pre-processing and may run on several threads at
 * once; {@link #predict} and {@link #keptByNms} are called by one thread at a time.
 *
 * @param <I> the decoded image type
 * @param <C> the prepared crop type
 */
public interface PoseBatchModel<I extends DecodedImage, C> extends AutoCloseable {

    /**
     * Decodes image file bytes; bytes that are no supported image throw {@code InvalidInputException}.
     *
     * @param name the file's path, for messages
     */
    I decode(byte[] encoded, String name);

    /** The pre-processed crop of one person box (any box with a positive size). */
    C prepare(I image, TaskBox box);

    /** One forward pass (with flip test when configured) and decoding; one pose per crop, in order. */
    List<PosePrediction> predict(List<C> crops);

    /** For the persons of one image (boxes and poses in the same order): which ones OKS-NMS keeps. */
    boolean[] keptByNms(List<TaskBox> boxes, List<PosePrediction> poses);

    @Override
    void close();
}
