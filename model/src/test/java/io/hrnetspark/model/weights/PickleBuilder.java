package io.hrnetspark.model.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, to craft checkpoints (valid and hostile) byte by byte in tests. */
final class PickleBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBuilder proto(int version) {
        return op(0x80).raw(version);
    }

    PickleBuilder op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBuilder raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleBuilder mark() {
        return op('(');
    }

    PickleBuilder global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    PickleBuilder str(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return op('X').raw(le(utf8.length, 4)).raw(utf8);
    }

    PickleBuilder integer(long value) {
        if (value >= 0 && value < 256) {
            return op('K').raw((int) value);
        }
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return op('J').raw(le(value, 4));
        }
        return op(0x8a).raw(8).raw(le(value, 8));
    }

    PickleBuilder none() {
        return op('N');
    }

    PickleBuilder bool(boolean value) {
        return op(value ? 0x88 : 0x89);
    }

    PickleBuilder tuple() {
        return op('t');
    }

    PickleBuilder ints(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    PickleBuilder emptyTuple() {
        return op(')');
    }

    PickleBuilder reduce() {
        return op('R');
    }

    PickleBuilder orderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    PickleBuilder setItems() {
        return op('u');
    }

    PickleBuilder stop() {
        return op('.');
    }

    /**
     * A tensor as torch pickles it: {@code _rebuild_tensor_v2(storage, offset, size, stride, False,
     * OrderedDict())} with the persistent id of the ZIP format, or of the legacy format when
     * {@code legacyView} is given (use {@code null} for a root storage, else {viewKey, offset, size}).
     */
    PickleBuilder tensor(String storageType, String key, long numel, long offset, long[] shape, long[] stride,
                         boolean legacy, Object[] legacyView) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().str("storage").global("torch", storageType).str(key).str("cpu").integer(numel);
        if (legacy) {
            if (legacyView == null) {
                none();
            } else {
                mark().str((String) legacyView[0]).integer((Long) legacyView[1]).integer((Long) legacyView[2]).tuple();
            }
        }
        tuple().op('Q');
        integer(offset).ints(shape).ints(stride).bool(false).orderedDict();
        return tuple().reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] le(long value, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        byte[] result = new byte[size];
        System.arraycopy(buffer.array(), 0, result, 0, size);
        return result;
    }
}
