package io.hrnetspark.job.inference;

import java.util.Locale;

/** Where handling an input failed; the {@code stage} column of the errors table, in lower case. */
public enum ErrorStage {
    /** Reading the image file (missing, unreadable, empty). */
    READ,
    /** Decoding the bytes as an image (corrupt, truncated, not an image). */
    DECODE,
    /** A person box that cannot be cropped (zero size, not finite, outside the image). */
    BOX,
    /** Pre-processing a box into a network input. */
    CROP,
    /** The network's output for a box is not usable (a value that is not a finite number). */
    PREDICT;

    public String columnValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
