package io.hrnetspark.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Strided views, dtype conversions and byte orders come out as torch's tensor values in C order. */
class TensorDataTest {

    private static ByteBuffer floats(ByteOrder order, float... values) {
        return ByteBuffer.wrap(CheckpointBytes.floats(order, values)).order(order);
    }

    private static ByteBuffer shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buffer.putShort((short) v);
        }
        return buffer.flip();
    }

    @Test
    void transposedViewReadsInCOrder() {
        // torch.arange(6.).view(2, 3).t(): shape (3, 2), stride (1, 3)
        TensorData t = new TensorData("float32", new long[] {3, 2}, new long[] {1, 3}, 0,
                floats(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5));
        assertFalse(t.isContiguous());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toFloatArray());
        assertArrayEquals(new long[] {3, 2}, t.toINDArray().shape());
        assertEquals(3f, t.toINDArray().getFloat(0, 1));
    }

    @Test
    void offsetSlicedAndBroadcastViews() {
        ByteBuffer storage = floats(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5, 6, 7);
        // x[1:, ::2] of an arange(8).view(2, 4): offset 4, shape (1, 2), stride (4, 2)
        assertArrayEquals(new float[] {4, 6},
                new TensorData("float32", new long[] {1, 2}, new long[] {4, 2}, 4, storage).toFloatArray());
        // expand: stride 0 repeats the row
        assertArrayEquals(new float[] {5, 6, 5, 6},
                new TensorData("float32", new long[] {2, 2}, new long[] {0, 1}, 5, storage).toFloatArray());
        // contiguous with an offset
        TensorData tail = new TensorData("float32", new long[] {3}, new long[] {1}, 5, storage);
        assertTrue(tail.isContiguous());
        assertArrayEquals(new float[] {5, 6, 7}, tail.toFloatArray());
        // empty
        TensorData empty = new TensorData("float32", new long[] {0, 3}, new long[] {3, 1}, 0, storage);
        assertEquals(0, empty.toFloatArray().length);
    }

    @Test
    void halfBfloatAndDoubleConvertToFloat() {
        TensorData half = new TensorData("float16", new long[] {8}, new long[] {1}, 0,
                shorts(0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000, 0x7c00, 0xfc00, 0x3555));
        float[] values = half.toFloatArray();
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0.333251953125f}, values);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(values[4]));
        TensorData nan = new TensorData("float16", new long[0], new long[0], 0, shorts(0x7e00));
        assertTrue(Float.isNaN(nan.toFloatArray()[0]));

        TensorData bfloat = new TensorData("bfloat16", new long[] {2}, new long[] {1}, 0, shorts(0x3f80, 0x4049));
        assertArrayEquals(new float[] {1f, 3.140625f}, bfloat.toFloatArray());

        ByteBuffer doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(0.1).putDouble(-1e300).flip();
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY},
                new TensorData("float64", new long[] {2}, new long[] {1}, 0, doubles).toFloatArray());
    }

    @Test
    void integerTypesWidenToLong() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {-1, 2, 0, 1}).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(new long[] {-1, 2, 0, 1},
                new TensorData("int8", new long[] {4}, new long[] {1}, 0, bytes).toLongArray());
        assertArrayEquals(new long[] {255, 2, 0, 1},
                new TensorData("uint8", new long[] {4}, new long[] {1}, 0, bytes).toLongArray());
        assertArrayEquals(new long[] {1, 1, 0, 1},
                new TensorData("bool", new long[] {4}, new long[] {1}, 0, bytes).toLongArray());
        assertArrayEquals(new long[] {0x010002ff},
                new TensorData("int32", new long[] {1}, new long[] {1}, 0, bytes).toLongArray());
        assertArrayEquals(new long[] {0x02ff, 0x0100},
                new TensorData("int16", new long[] {2}, new long[] {1}, 0, bytes).toLongArray());
        ByteBuffer longs = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(7).putLong(-8).putLong(9).flip();
        assertArrayEquals(new long[] {7, 9},
                new TensorData("int64", new long[] {2}, new long[] {2}, 0, longs).toLongArray());
    }

    @Test
    void bigEndianStoragesReadTheSameValues() {
        TensorData big = new TensorData("float32", new long[] {2, 2}, new long[] {1, 2}, 0,
                floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f, 3f, 4.25f));
        TensorData little = TensorData.ofFloats(new long[] {2, 2}, new float[] {1.5f, 3f, -2f, 4.25f});
        assertArrayEquals(little.toFloatArray(), big.toFloatArray());
        assertArrayEquals(little.toLittleEndianBytes(), big.toLittleEndianBytes());
        assertEquals(little, big);
    }

    @Test
    void typeMismatchedReadsAreProgrammingErrors() {
        TensorData longs = TensorData.ofLongs(new long[0], new long[] {42});
        assertEquals("A int64 tensor has no float values; use toLongArray().",
                assertThrows(IllegalStateException.class, longs::toFloatArray).getMessage());
        TensorData floats = TensorData.ofFloats(new long[] {1}, new float[] {1});
        assertThrows(IllegalStateException.class, floats::toLongArray);
    }

    @Test
    void viewsBeyondTheirStorageAreRejected() {
        ByteBuffer storage = floats(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> new TensorData("float32", new long[] {2, 2}, new long[] {2, 1}, 1, storage));
        assertThrows(IllegalArgumentException.class,
                () -> new TensorData("float32", new long[] {2}, new long[] {-1}, 1, storage));
        assertThrows(IllegalArgumentException.class,
                () -> new TensorData("complex64", new long[] {1}, new long[] {1}, 0, storage));
        assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats(new long[] {3}, new float[] {1, 2}));
    }

    @Test
    void factoriesMakeNd4jArraysOfTheRightType() {
        INDArray scalar = TensorData.ofLongs(new long[0], new long[] {42}).toINDArray();
        assertEquals(DataType.LONG, scalar.dataType());
        assertEquals(0, scalar.rank());
        assertEquals(42, scalar.getLong(0));
        INDArray matrix = TensorData.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}).toINDArray();
        assertEquals(DataType.FLOAT, matrix.dataType());
        assertEquals(6f, matrix.getFloat(1, 2));
    }

    @Test
    void equalityIsByValuesNotByLayout() {
        TensorData strided = new TensorData("float32", new long[] {3, 2}, new long[] {1, 3}, 0,
                floats(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5));
        TensorData contiguous = TensorData.ofFloats(new long[] {3, 2}, new float[] {0, 3, 1, 4, 2, 5});
        assertEquals(contiguous, strided);
        assertEquals(contiguous.hashCode(), strided.hashCode());
        assertNotEquals(TensorData.ofFloats(new long[] {6}, new float[] {0, 3, 1, 4, 2, 5}), strided);
        assertEquals("TensorData[float32 [3, 2]]", strided.toString());
    }
}
