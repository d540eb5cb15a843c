package io.hrnetspark.model.net;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One native buffer that the bound plans of all input shapes of an executor share: an executor runs
 * one plan at a time, so every plan lays its feature maps out from offset 0 and the buffer only
 * needs the room of the largest plan, however many shapes are bound. Growing replaces the buffer,
 * which invalidates every view of the old one (the executor then binds its plans again).
 * Thread-confined, like its executor.
 */
final class BufferArena implements AutoCloseable {

    /** Each region starts on a 64-byte boundary (of float32), as oneDNN prefers. */
    private static final long ALIGNMENT_ELEMENTS = 16;

    private final DataType type;
    private INDArray buffer;

    BufferArena(DataType type) {
        this.type = type;
    }

    /** {@code elements} rounded up so that the next region stays aligned. */
    static long aligned(long elements) {
        return (elements + ALIGNMENT_ELEMENTS - 1) / ALIGNMENT_ELEMENTS * ALIGNMENT_ELEMENTS;
    }

    /**
     * Makes room for {@code elements}; returns whether the buffer was replaced (every view taken
     * before is then invalid).
     */
    boolean reserve(long elements) {
        if (elements <= 0 || buffer != null && buffer.length() >= elements) {
            return false;
        }
        INDArray grown = Nd4j.createUninitializedDetached(type, elements);
        if (buffer != null) {
            buffer.close();
        }
        buffer = grown;
        return true;
    }

    /** A C-order view of {@code shape} starting {@code offset} elements into the buffer. */
    INDArray view(long offset, long... shape) {
        long[] stride = new long[shape.length];
        long length = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = length;
            length *= shape[d];
        }
        if (buffer == null || offset < 0 || offset + length > buffer.length()) {
            throw new IllegalArgumentException("A view of " + length + " elements at " + offset
                    + " exceeds the arena of " + (buffer == null ? 0 : buffer.length()));
        }
        DataBuffer data = buffer.data();
        return Nd4j.create(data, shape, stride, offset, 'c');
    }

    /** Bytes the buffer takes now. */
    long bytes() {
        return buffer == null ? 0 : buffer.length() * type.width();
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }
}
