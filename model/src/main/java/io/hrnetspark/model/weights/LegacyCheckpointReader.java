package io.hrnetspark.model.weights;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the checkpoint format of torch before 1.6 ({@code _use_new_zipfile_serialization=False}),
 * in which the released HRNet checkpoints were saved: five consecutive pickles (magic number,
 * protocol version 1001, system info with the byte order, the object with storages as persistent
 * ids {@code ('storage', type, root_key, location, numel, view_metadata)}, the list of storage
 * keys), then for each listed storage its element count as an int64 and its raw bytes.
 */
final class LegacyCheckpointReader {

    private static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;
    private static final String WHERE = "the pickled data";

    private LegacyCheckpointReader() {
    }

    /** A pickle of protocol 2 or newer starts with PROTO; torch.save writes protocol 2. */
    static boolean startsLikePickle(CheckpointFile file) {
        return file.length() >= 2 && (file.bytes().get(0) & 0xff) == 0x80 && file.bytes().get(1) >= 2;
    }

    /** A root storage as the persistent ids declare it. */
    private record Declared(TorchDtype dtype, long numel) {
    }

    static UnpickledCheckpoint read(CheckpointFile file) {
        PickleReader header = new PickleReader(file, file.bytes(), WHERE, 0, null);
        if (!MAGIC_NUMBER.equals(header.read())) {
            throw file.refused("is a Python pickle but not a PyTorch checkpoint (it lacks torch's magic number); "
                    + "pass the .pth file written by torch.save.");
        }
        Object version = header.read();
        if (!Long.valueOf(PROTOCOL_VERSION).equals(version)) {
            String found = version instanceof Long number ? number.toString() : "of type " + Pickled.typeName(version);
            throw file.refused("uses legacy serialization protocol " + found + " instead of 1001, which this "
                    + "reader does not support; re-save it with torch.save.");
        }
        ByteOrder order = byteOrder(header.read());

        Map<String, Declared> declared = new HashMap<>();
        PickleReader body = new PickleReader(file, file.bytes(), WHERE, header.position(),
                id -> storageRef(file, id, declared));
        Object root = body.read();
        PickleReader keyList = new PickleReader(file, file.bytes(), WHERE, body.position(), null);
        Object keys = keyList.read();
        Map<String, ByteBuffer> storages = storageData(file, keyList.position(), keys, declared, order);
        return new UnpickledCheckpoint(root, ref -> {
            ByteBuffer storage = storages.get(ref.key());
            if (storage == null) {
                throw file.damaged("storage '" + Pickled.shown(ref.key()) + "' has no data");
            }
            int size = ref.dtype().elementSize();
            return storage.slice((int) (ref.offset() * size), (int) (ref.numel() * size)).order(order);
        });
    }

    private static ByteOrder byteOrder(Object systemInfo) {
        if (systemInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            return ByteOrder.BIG_ENDIAN;
        }
        return ByteOrder.LITTLE_ENDIAN;
    }

    private static Pickled.StorageRef storageRef(CheckpointFile file, Object persistentId,
                                                 Map<String, Declared> declared) {
        if (!(persistentId instanceof Pickled.Tuple id) || id.size() != 6 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof TorchDtype dtype) || !(id.get(4) instanceof Long numel)) {
            throw file.damaged("it holds a persistent id that is not "
                    + "('storage', type, root_key, location, numel, view_metadata)");
        }
        String key = Pickled.StorageRef.key(file, id.get(2));
        String storage = "storage '" + Pickled.shown(key) + "'";
        if (numel < 0 || numel > file.length() / dtype.elementSize()) {
            throw file.damaged(storage + " claims " + numel + " elements of " + dtype.elementSize()
                    + " bytes but the file has only " + file.length() + " bytes");
        }
        Declared root = declared.computeIfAbsent(key, k -> new Declared(dtype, numel));
        if (!root.equals(new Declared(dtype, numel))) {
            throw file.damaged(storage + " is declared with two different types or sizes");
        }
        Object view = id.get(5);
        if (view == null) {
            return new Pickled.StorageRef(key, dtype, 0, numel);
        }
        if (!(view instanceof Pickled.Tuple metadata) || metadata.size() != 3
                || !(metadata.get(1) instanceof Long offset) || !(metadata.get(2) instanceof Long size)
                || offset < 0 || size < 0 || offset > numel - size) {
            throw file.damaged("a view of " + storage + " lies outside its " + numel + " elements");
        }
        return new Pickled.StorageRef(key, dtype, offset, size);
    }

    private static Map<String, ByteBuffer> storageData(CheckpointFile file, int start, Object keys,
                                                       Map<String, Declared> declared, ByteOrder order) {
        if (!(keys instanceof List<?> keyList)) {
            throw file.damaged("the storage key list is a " + Pickled.typeName(keys) + " instead of a list");
        }
        Map<String, ByteBuffer> storages = new HashMap<>();
        long at = start;
        for (Object item : keyList) {
            String key = Pickled.StorageRef.key(file, item);
            String name = "storage '" + Pickled.shown(key) + "'";
            Declared storage = declared.get(key);
            if (storage == null) {
                throw file.damaged("the storage key list names " + name + ", which no tensor uses");
            }
            long count = file.slice(at, Long.BYTES, "the element count of " + name).order(order).getLong(0);
            if (count != storage.numel()) {
                throw file.damaged(name + " has " + count + " elements where " + storage.numel() + " were declared");
            }
            long size = count * storage.dtype().elementSize();
            storages.put(key, file.slice(at + Long.BYTES, size, "the data of " + name).order(order));
            at += Long.BYTES + size;
        }
        return storages;
    }
}
