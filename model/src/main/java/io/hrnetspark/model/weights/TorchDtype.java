package io.hrnetspark.model.weights;

import java.util.Optional;

/** The element types of torch storages this reader understands, with their legacy storage class names. */
enum TorchDtype {
    FLOAT32("float32", "FloatStorage", 4, true),
    FLOAT64("float64", "DoubleStorage", 8, true),
    FLOAT16("float16", "HalfStorage", 2, true),
    BFLOAT16("bfloat16", "BFloat16Storage", 2, true),
    INT64("int64", "LongStorage", 8, false),
    INT32("int32", "IntStorage", 4, false),
    INT16("int16", "ShortStorage", 2, false),
    INT8("int8", "CharStorage", 1, false),
    UINT8("uint8", "ByteStorage", 1, false),
    BOOL("bool", "BoolStorage", 1, false);

    private final String dtypeName;
    private final String storageName;
    private final int elementSize;
    private final boolean floating;

    TorchDtype(String dtypeName, String storageName, int elementSize, boolean floating) {
        this.dtypeName = dtypeName;
        this.storageName = storageName;
        this.elementSize = elementSize;
        this.floating = floating;
    }

    /** The numpy-style name ({@code float32}, {@code int64}, ...). */
    String dtypeName() {
        return dtypeName;
    }

    int elementSize() {
        return elementSize;
    }

    boolean floating() {
        return floating;
    }

    static Optional<TorchDtype> byStorageName(String storageName) {
        for (TorchDtype dtype : values()) {
            if (dtype.storageName.equals(storageName)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    static TorchDtype byName(String dtypeName) {
        for (TorchDtype dtype : values()) {
            if (dtype.dtypeName.equals(dtypeName)) {
                return dtype;
            }
        }
        throw new IllegalArgumentException("Unknown tensor dtype '" + dtypeName + "'.");
    }
}
