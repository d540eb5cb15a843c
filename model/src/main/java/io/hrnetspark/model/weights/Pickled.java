package io.hrnetspark.model.weights;

import java.util.Collections;
import java.util.List;

/**
 * The values the checkpoint unpickler builds besides plain Java ones ({@code null} for None,
 * {@link Boolean}, {@link Long} or {@link java.math.BigInteger}, {@link Double}, {@link String},
 * {@code byte[]}, {@link java.util.ArrayList} for lists, {@link java.util.LinkedHashMap} for dicts,
 * {@link java.util.LinkedHashSet} for sets).
 */
final class Pickled {

    private Pickled() {
    }

    /** A Python tuple; its items may be {@code null}. */
    record Tuple(List<Object> items) {
        Tuple {
            items = Collections.unmodifiableList(items);
        }

        int size() {
            return items.size();
        }

        Object get(int index) {
            return items.get(index);
        }
    }

    /**
     * A storage named by a persistent id: {@code numel} elements from element {@code offset} of the
     * stored storage {@code key} (offset 0 unless the legacy format saved a storage view).
     */
    record StorageRef(String key, TorchDtype dtype, long offset, long numel) {

        /** A storage key as a persistent id or the legacy key list gives it (torch writes decimal strings). */
        static String key(CheckpointFile file, Object key) {
            if (key instanceof String text) {
                return text;
            }
            if (key instanceof Long number) {
                return number.toString();
            }
            throw file.damaged("a storage key is a " + typeName(key) + " instead of a str");
        }
    }

    /** A tensor rebuilt by {@code torch._utils._rebuild_tensor[_v2]}: a strided view into a storage. */
    record Tensor(StorageRef storage, long storageOffset, long[] shape, long[] stride) {
    }

    /** A value kept only as its Python type name (numpy scalars in training checkpoints); nothing runs. */
    record Opaque(String pythonType) {
    }

    /** A string from the file as messages show it: control characters escaped, at most 80 characters. */
    static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        int i = 0;
        for (; i < text.length() && shown.length() < 80; i++) {
            char c = text.charAt(i);
            shown.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? shown + "..." : shown.toString();
    }

    /** The Python type name of an unpickled value, for messages (values themselves are never printed). */
    static String typeName(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof Tuple) {
            return "tuple";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof java.util.Map) {
            return "dict";
        }
        if (value instanceof java.util.Set) {
            return "set";
        }
        if (value instanceof Tensor) {
            return "tensor";
        }
        if (value instanceof StorageRef) {
            return "storage";
        }
        if (value instanceof TorchDtype dtype) {
            return "storage type " + dtype.dtypeName();
        }
        if (value instanceof AllowedGlobal global) {
            return global.qualifiedName();
        }
        if (value instanceof Opaque opaque) {
            return opaque.pythonType();
        }
        return value.getClass().getSimpleName();
    }
}
