package io.hrnetspark.model.weights;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of a ZIP archive held in memory, as torch >= 1.6 writes its checkpoints: every entry
 * stored uncompressed, so an entry's data is a slice of the file. The central directory (ZIP64
 * included) is read once; every offset and size is checked against the file. Compressed or
 * encrypted entries are refused, which also rules out archives that inflate beyond their own size.
 */
final class StoredZip {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_RECORD = 0x06054b50;
    private static final int ZIP64_END_RECORD = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int CENTRAL_HEADER_SIZE = 46;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final long MAX_U32 = 0xffffffffL;

    private record Entry(String name, int flags, int method, long compressedSize, long size, long localHeader) {
    }

    private final CheckpointFile file;
    private final ByteBuffer bytes;
    private final Map<String, Entry> entries;

    private StoredZip(CheckpointFile file, Map<String, Entry> entries) {
        this.file = file;
        this.bytes = file.bytes();
        this.entries = entries;
    }

    static boolean startsLikeZip(CheckpointFile file) {
        return file.length() >= 4 && file.bytes().getInt(0) == LOCAL_HEADER;
    }

    static StoredZip read(CheckpointFile file) {
        ByteBuffer bytes = file.bytes();
        int end = findEndRecord(file);
        long count = u16(bytes, end + 10);
        long directorySize = u32(bytes, end + 12);
        long directoryOffset = u32(bytes, end + 16);
        if (count == 0xffff || directorySize == MAX_U32 || directoryOffset == MAX_U32) {
            int locator = end - 20;
            if (locator < 0 || bytes.getInt(locator) != ZIP64_LOCATOR) {
                throw file.damaged("the ZIP64 end record locator is missing");
            }
            long record = bytes.getLong(locator + 8);
            if (!file.holds(record, 56) || bytes.getInt((int) record) != ZIP64_END_RECORD) {
                throw file.damaged("the ZIP64 end record is missing");
            }
            count = bytes.getLong((int) record + 32);
            directorySize = bytes.getLong((int) record + 40);
            directoryOffset = bytes.getLong((int) record + 48);
        }
        if (!file.holds(directoryOffset, directorySize) || count < 0
                || count > directorySize / CENTRAL_HEADER_SIZE) {
            throw file.damaged("the ZIP central directory lies outside the file");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        int at = (int) directoryOffset;
        int directoryEnd = (int) (directoryOffset + directorySize);
        for (long i = 0; i < count; i++) {
            if (at > directoryEnd - CENTRAL_HEADER_SIZE || bytes.getInt(at) != CENTRAL_HEADER) {
                throw file.damaged("ZIP central directory entry " + i + " is malformed");
            }
            int nameLength = u16(bytes, at + 28);
            int extraLength = u16(bytes, at + 30);
            int commentLength = u16(bytes, at + 32);
            int next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
            if (next > directoryEnd || next < at) {
                throw file.damaged("ZIP central directory entry " + i + " runs past the directory");
            }
            byte[] name = new byte[nameLength];
            bytes.get(at + CENTRAL_HEADER_SIZE, name);
            long[] sizes = {u32(bytes, at + 24), u32(bytes, at + 20), u32(bytes, at + 42)};
            readZip64Sizes(file, at + CENTRAL_HEADER_SIZE + nameLength, extraLength, sizes);
            Entry entry = new Entry(new String(name, StandardCharsets.UTF_8), u16(bytes, at + 8),
                    u16(bytes, at + 10), sizes[1], sizes[0], sizes[2]);
            entries.putIfAbsent(entry.name(), entry);
            at = next;
        }
        return new StoredZip(file, Collections.unmodifiableMap(entries));
    }

    /** Entry names in central directory order. */
    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The data of entry {@code name}, if present. */
    Optional<ByteBuffer> data(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        if ((entry.flags() & 1) != 0 || entry.method() != 0 || entry.compressedSize() != entry.size()) {
            throw file.refused("stores its entry '" + Pickled.shown(name) + "' compressed or encrypted, which "
                    + "torch.save never does; re-save it with torch.save.");
        }
        long header = entry.localHeader();
        if (!file.holds(header, LOCAL_HEADER_SIZE) || bytes.getInt((int) header) != LOCAL_HEADER) {
            throw file.damaged("the ZIP local header of '" + Pickled.shown(name) + "' is missing");
        }
        long start = header + LOCAL_HEADER_SIZE + u16(bytes, (int) header + 26) + u16(bytes, (int) header + 28);
        return Optional.of(file.slice(start, entry.size(), "ZIP entry '" + Pickled.shown(name) + "'"));
    }

    private static int findEndRecord(CheckpointFile file) {
        ByteBuffer bytes = file.bytes();
        int last = file.length() - END_RECORD_SIZE;
        int first = Math.max(0, last - 0xffff);
        for (int at = last; at >= first; at--) {
            if (bytes.getInt(at) == END_RECORD && at + END_RECORD_SIZE + u16(bytes, at + 20) == file.length()) {
                return at;
            }
        }
        throw file.damaged("the ZIP end record is missing");
    }

    /** Replaces the 32-bit sizes and offset marked 0xffffffff by their values from the ZIP64 extra field. */
    private static void readZip64Sizes(CheckpointFile file, int extraStart, int extraLength, long[] sizes) {
        ByteBuffer bytes = file.bytes();
        int at = extraStart;
        int end = extraStart + extraLength;
        while (at + 4 <= end) {
            int id = u16(bytes, at);
            int length = u16(bytes, at + 2);
            int dataStart = at + 4;
            if (dataStart + length > end) {
                throw file.damaged("a ZIP extra field runs past its entry");
            }
            if (id == 0x0001) {
                int field = dataStart;
                for (int i = 0; i < sizes.length; i++) {
                    if (sizes[i] == MAX_U32) {
                        if (field + 8 > dataStart + length) {
                            throw file.damaged("a ZIP64 extra field is too short");
                        }
                        sizes[i] = bytes.getLong(field);
                        field += 8;
                    }
                }
            }
            at = dataStart + length;
        }
    }

    private static int u16(ByteBuffer bytes, int at) {
        return bytes.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer bytes, int at) {
        return bytes.getInt(at) & MAX_U32;
    }
}
