package io.hrnetspark.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One tensor of a checkpoint, as torch stores it: a strided view ({@code shape}, {@code stride} and
 * {@code storageOffset}, all in elements) into the bytes of a storage that several tensors may
 * share. The storage is read-only and carries the checkpoint's byte order; the conversions below
 * copy the elements out in C order, so views with any strides come out as the tensor's values.
 *
 * @param dtype         {@code float32}, {@code float64}, {@code float16}, {@code bfloat16},
 *                      {@code int64}, {@code int32}, {@code int16}, {@code int8}, {@code uint8} or
 *                      {@code bool}
 * @param shape         sizes per dimension ({@code []} for a scalar)
 * @param stride        storage elements between neighbours per dimension
 * @param storageOffset index of the first element in the storage
 * @param storage       the storage's bytes (position 0), in the byte order they are stored in
 */
public record TensorData(String dtype, long[] shape, long[] stride, long storageOffset, ByteBuffer storage) {

    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    public TensorData {
        TorchDtype type = TorchDtype.byName(dtype);
        shape = shape.clone();
        stride = stride.clone();
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("Tensor shape " + Arrays.toString(shape)
                    + " and stride " + Arrays.toString(stride) + " differ in rank.");
        }
        ByteOrder order = storage.order();
        storage = storage.asReadOnlyBuffer().position(0).order(order);
        long storageElements = storage.capacity() / type.elementSize();
        if (requiredStorageElements(storageOffset, shape, stride) > storageElements) {
            throw new IllegalArgumentException("Tensor view (offset " + storageOffset + ", shape "
                    + Arrays.toString(shape) + ", stride " + Arrays.toString(stride)
                    + ") reaches beyond its storage of " + storageElements + " elements.");
        }
    }

    /** A contiguous float32 tensor holding a copy of {@code values}. */
    public static TensorData ofFloats(long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return contiguous(TorchDtype.FLOAT32, shape, values.length, bytes);
    }

    /** A contiguous int64 tensor holding a copy of {@code values}. */
    public static TensorData ofLongs(long[] shape, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(values.length, Long.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return contiguous(TorchDtype.INT64, shape, values.length, bytes);
    }

    private static TensorData contiguous(TorchDtype type, long[] shape, int length, ByteBuffer bytes) {
        if (elementCount(shape) != length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " does not hold "
                    + length + " values.");
        }
        return new TensorData(type.dtypeName(), shape, contiguousStrides(shape), 0, bytes);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    @Override
    public ByteBuffer storage() {
        return storage.asReadOnlyBuffer().order(storage.order());
    }

    /** Number of elements (1 for a scalar). */
    public long numel() {
        return elementCount(shape);
    }

    /** Whether the elements lie in the storage in C order without gaps. */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** The values in C order as float32; float64, float16 and bfloat16 are converted (float64 rounds). */
    public float[] toFloatArray() {
        TorchDtype type = TorchDtype.byName(dtype);
        if (!type.floating()) {
            throw new IllegalStateException("A " + dtype + " tensor has no float values; use toLongArray().");
        }
        float[] out = new float[arrayLength(numel())];
        if (type == TorchDtype.FLOAT32 && isContiguous()) {
            storage().position(byteIndex(storageOffset, 4)).asFloatBuffer().get(out);
            return out;
        }
        ByteBuffer bytes = storage;
        switch (type) {
            case FLOAT32 -> forEachElement((i, e) -> out[i] = bytes.getFloat(byteIndex(e, 4)));
            case FLOAT64 -> forEachElement((i, e) -> out[i] = (float) bytes.getDouble(byteIndex(e, 8)));
            case FLOAT16 -> forEachElement((i, e) -> out[i] = halfToFloat(bytes.getShort(byteIndex(e, 2))));
            case BFLOAT16 -> forEachElement((i, e) ->
                    out[i] = Float.intBitsToFloat((bytes.getShort(byteIndex(e, 2)) & 0xffff) << 16));
            default -> throw new AssertionError(type);
        }
        return out;
    }

    /** The values in C order as int64; int32/int16/int8/uint8 widen, bool gives 0 or 1. */
    public long[] toLongArray() {
        TorchDtype type = TorchDtype.byName(dtype);
        if (type.floating()) {
            throw new IllegalStateException("A " + dtype + " tensor has no integer values; use toFloatArray().");
        }
        long[] out = new long[arrayLength(numel())];
        if (type == TorchDtype.INT64 && isContiguous()) {
            storage().position(byteIndex(storageOffset, 8)).asLongBuffer().get(out);
            return out;
        }
        ByteBuffer bytes = storage;
        switch (type) {
            case INT64 -> forEachElement((i, e) -> out[i] = bytes.getLong(byteIndex(e, 8)));
            case INT32 -> forEachElement((i, e) -> out[i] = bytes.getInt(byteIndex(e, 4)));
            case INT16 -> forEachElement((i, e) -> out[i] = bytes.getShort(byteIndex(e, 2)));
            case INT8 -> forEachElement((i, e) -> out[i] = bytes.get(byteIndex(e, 1)));
            case UINT8 -> forEachElement((i, e) -> out[i] = bytes.get(byteIndex(e, 1)) & 0xff);
            case BOOL -> forEachElement((i, e) -> out[i] = bytes.get(byteIndex(e, 1)) != 0 ? 1 : 0);
            default -> throw new AssertionError(type);
        }
        return out;
    }

    /** The elements in C order, each in little-endian byte order: numpy's {@code tobytes()} of the tensor. */
    public byte[] toLittleEndianBytes() {
        int size = TorchDtype.byName(dtype).elementSize();
        byte[] out = new byte[arrayLength(Math.multiplyExact(numel(), size))];
        boolean swap = storage.order() != ByteOrder.LITTLE_ENDIAN && size > 1;
        if (!swap && isContiguous()) {
            storage().position(byteIndex(storageOffset, size)).get(out);
            return out;
        }
        ByteBuffer bytes = storage;
        forEachElement((i, e) -> {
            int from = byteIndex(e, size);
            for (int b = 0; b < size; b++) {
                out[i * size + b] = bytes.get(from + (swap ? size - 1 - b : b));
            }
        });
        return out;
    }

    /** A new ND4J array with this tensor's shape: FLOAT for floating dtypes, LONG for the others. */
    public INDArray toINDArray() {
        if (TorchDtype.byName(dtype).floating()) {
            return Nd4j.create(toFloatArray(), shape.clone(), DataType.FLOAT);
        }
        return Nd4j.create(toLongArray(), shape.clone(), DataType.LONG);
    }

    /** Equal dtype, shape and element bytes; strides, offsets and storage sharing do not matter. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TensorData that && dtype.equals(that.dtype) && Arrays.equals(shape, that.shape)
                && Arrays.equals(toLittleEndianBytes(), that.toLittleEndianBytes());
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]";
    }

    /**
     * Storage elements a view needs: one past its last element, or 0 when it has no elements.
     *
     * @throws ArithmeticException if the extent overflows a long
     * @throws IllegalArgumentException if a size, stride or the offset is negative
     */
    static long requiredStorageElements(long storageOffset, long[] shape, long[] stride) {
        if (storageOffset < 0) {
            throw new IllegalArgumentException("Negative storage offset " + storageOffset + ".");
        }
        long last = storageOffset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new IllegalArgumentException("Negative size or stride in shape " + Arrays.toString(shape)
                        + ", stride " + Arrays.toString(stride) + ".");
            }
            if (shape[d] == 0) {
                return 0;
            }
            last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
        }
        return Math.addExact(last, 1);
    }

    static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = step;
            step = Math.multiplyExact(step, Math.max(shape[d], 1));
        }
        return strides;
    }

    private static long elementCount(long[] shape) {
        long count = 1;
        for (long size : shape) {
            count = Math.multiplyExact(count, size);
        }
        return count;
    }

    private static int arrayLength(long length) {
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("A tensor of " + length + " values does not fit in one Java array.");
        }
        return (int) length;
    }

    /** Storage byte index of element {@code element}; the constructor checked that every element lies within. */
    private static int byteIndex(long element, int elementSize) {
        return (int) (element * elementSize);
    }

    private interface ElementVisitor {
        void visit(int index, long storageElement);
    }

    /** Visits the elements in C order with their storage element index. */
    private void forEachElement(ElementVisitor visitor) {
        long total = numel();
        if (total == 0) {
            return;
        }
        int rank = shape.length;
        long[] position = new long[rank];
        long element = storageOffset;
        for (int i = 0; i < total; i++) {
            visitor.visit(i, element);
            for (int d = rank - 1; d >= 0; d--) {
                if (++position[d] < shape[d]) {
                    element += stride[d];
                    break;
                }
                element -= (shape[d] - 1) * stride[d];
                position[d] = 0;
            }
        }
    }

    private static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
