package io.hrnetspark.model.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a {@code numpy.savez} file into arrays by name, including the 0-d int64 scalars
 * ({@code num_batches_tracked}) that ND4J's own npz reader cannot parse. Little-endian, C-order,
 * float32 / float64 / int64 only: what the fixtures hold.
 */
final class NpzReader {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpzReader() {
    }

    static Map<String, INDArray> read(Path file) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    String name = entry.getName().replaceFirst("\\.npy$", "");
                    arrays.put(name, npy(in.readAllBytes(), name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrays;
    }

    private static INDArray npy(byte[] bytes, String name) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength = major == 1 ? buffer.getShort(8) & 0xffff : buffer.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name);
        if (!"False".equals(group(FORTRAN, header, name))) {
            throw new IllegalArgumentException(name + ": Fortran order is not supported");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, name).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        int count = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        buffer.position(dataStart);
        INDArray flat = switch (descr) {
            case "<f4" -> {
                float[] data = new float[count];
                buffer.asFloatBuffer().get(data);
                yield Nd4j.createFromArray(data);
            }
            case "<f8" -> {
                double[] data = new double[count];
                buffer.asDoubleBuffer().get(data);
                yield Nd4j.createFromArray(data);
            }
            case "<i8" -> {
                long[] data = new long[count];
                buffer.asLongBuffer().get(data);
                yield Nd4j.createFromArray(data);
            }
            default -> throw new IllegalArgumentException(name + ": dtype " + descr + " is not supported");
        };
        return shape.length == 0 ? flat.reshape() : flat.reshape('c', shape);
    }

    private static String group(Pattern pattern, String header, String name) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(name + ": malformed npy header " + header);
        }
        return m.group(1);
    }
}
