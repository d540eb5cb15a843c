package io.hrnetspark.model.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Assembles checkpoint files around hand-written pickles, in both torch formats. */
final class CheckpointBytes {

    private CheckpointBytes() {
    }

    /** The torch >= 1.6 container: stored entries folder/data.pkl, folder/data/KEY, optional folder/byteorder. */
    static byte[] zip(String folder, byte[] dataPkl, Map<String, byte[]> storages, String byteOrder) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(folder + "/data.pkl", dataPkl);
        if (byteOrder != null) {
            entries.put(folder + "/byteorder", byteOrder.getBytes(StandardCharsets.US_ASCII));
        }
        storages.forEach((key, data) -> entries.put(folder + "/data/" + key, data));
        entries.put(folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip(entries);
    }

    /** A ZIP archive of stored (uncompressed) entries in the given order. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setMethod(ZipEntry.STORED);
                zipEntry.setSize(entry.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(entry.getValue());
                zipEntry.setCrc(crc.getValue());
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The legacy format: magic number, protocol version, system info, {@code body}, the storage key
     * list, then each storage as an int64 element count and its bytes.
     */
    static byte[] legacy(byte[] body, Map<String, byte[]> storages, Map<String, Long> numels, boolean littleEndian) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new PickleBuilder().proto(2).op(0x8a).raw(10)
                .raw(0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).stop().bytes());
        out.writeBytes(new PickleBuilder().proto(2).op('M').raw(0xe9, 0x03).stop().bytes());
        out.writeBytes(new PickleBuilder().proto(2).op('}').mark()
                .str("protocol_version").integer(1001)
                .str("little_endian").bool(littleEndian)
                .setItems().stop().bytes());
        out.writeBytes(body);
        PickleBuilder keys = new PickleBuilder().proto(2).op(']').mark();
        storages.keySet().forEach(keys::str);
        out.writeBytes(keys.op('e').stop().bytes());
        ByteOrder order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        storages.forEach((key, data) -> {
            out.writeBytes(ByteBuffer.allocate(8).order(order).putLong(numels.get(key)).array());
            out.writeBytes(data);
        });
        return out.toByteArray();
    }

    static byte[] floats(ByteOrder order, float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(order);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }
}
