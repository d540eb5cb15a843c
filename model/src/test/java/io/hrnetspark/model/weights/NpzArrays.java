package io.hrnetspark.model.weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads an uncompressed {@code numpy.savez} archive into raw arrays, to compare checkpoints with bit for bit. */
final class NpzArrays {

    /** One .npy array: numpy dtype descriptor ({@code <f4}, {@code <i8}), shape and its C-order bytes. */
    record Npy(String descr, long[] shape, byte[] data) {
        float[] floats() {
            float[] values = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }

        long[] longs() {
            long[] values = new long[data.length / 8];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
            return values;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpzArrays() {
    }

    static Path resource(String name) {
        try {
            return Path.of(NpzArrays.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Missing test fixture " + name, e);
        }
    }

    /** Arrays by key (entry name without {@code .npy}) in archive order. */
    static Map<String, Npy> read(Path npz) {
        Map<String, Npy> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(entry.getName().replaceFirst("\\.npy$", ""), npy(in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrays;
    }

    private static Npy npy(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int major = file[6];
        int headerLength = major == 1 ? buffer.getShort(8) & 0xffff : buffer.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(file, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        Matcher fortran = FORTRAN.matcher(header);
        if (!fortran.find() || fortran.group(1).equals("True")) {
            throw new IllegalStateException("Expected a C-order array: " + header);
        }
        Matcher descr = DESCR.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !shape.find()) {
            throw new IllegalStateException("Unreadable npy header: " + header);
        }
        long[] dims = Arrays.stream(shape.group(1).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        byte[] data = Arrays.copyOfRange(file, headerStart + headerLength, file.length);
        return new Npy(descr.group(1), dims, data);
    }
}
