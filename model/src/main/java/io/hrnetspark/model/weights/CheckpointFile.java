package io.hrnetspark.model.weights;

import io.hrnetspark.model.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of one checkpoint with the name its errors report. Every reader checks offsets and
 * lengths against {@link #length()} before it slices or allocates anything.
 */
record CheckpointFile(String name, ByteBuffer bytes) {

    CheckpointFile {
        bytes = bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    int length() {
        return bytes.capacity();
    }

    /** Whether {@code length} bytes from {@code offset} lie within the file. */
    boolean holds(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= length() && length <= length() - offset;
    }

    /** A read-only view of {@code length} bytes from {@code offset}, in little-endian order. */
    ByteBuffer slice(long offset, long length, String what) {
        if (!holds(offset, length)) {
            throw damaged(what + " needs " + length + " bytes at offset " + offset + " but the file has "
                    + length() + " bytes");
        }
        return bytes.slice((int) offset, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The file ends early or contradicts itself. */
    InvalidInputException damaged(String detail) {
        return new InvalidInputException("Checkpoint file '" + name + "' is truncated or damaged (" + detail
                + "); download it again or re-save it with torch.save.");
    }

    /** The file holds something this reader will not load; {@code sentenceTail} says what and what to do. */
    InvalidInputException refused(String sentenceTail) {
        return new InvalidInputException("Checkpoint file '" + name + "' " + sentenceTail);
    }
}
