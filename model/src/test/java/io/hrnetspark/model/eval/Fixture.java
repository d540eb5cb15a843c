package io.hrnetspark.model.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of a reference fixture folder copied under test resources {@code fixtures/<folder>/}. */
record Fixture(String folder) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A little-endian float64 C-order .npy array. */
    record Npy(int[] shape, double[] data) {
    }

    Path path(String name) {
        URL url = Fixture.class.getResource("/fixtures/" + folder + "/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test fixture " + folder + "/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String name) {
        try {
            return JSON.readTree(path(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String name) {
        try {
            return Files.readString(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Npy npy(String name) {
        try {
            byte[] bytes = Files.readAllBytes(path(name));
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int major = bytes[6];
            int headerLen = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
            int dataStart = (major == 1 ? 10 : 12) + headerLen;
            String header = new String(bytes, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
            if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
                throw new IllegalStateException("Only little-endian float64 C-order .npy: " + header);
            }
            Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
            if (!m.find()) {
                throw new IllegalStateException("No shape in .npy header: " + header);
            }
            String[] dims = m.group(1).split(",");
            int count = 0;
            for (String dim : dims) {
                if (!dim.isBlank()) {
                    count++;
                }
            }
            int[] shape = new int[count];
            int size = 1;
            int i = 0;
            for (String dim : dims) {
                if (!dim.isBlank()) {
                    shape[i] = Integer.parseInt(dim.trim());
                    size *= shape[i++];
                }
            }
            double[] data = new double[size];
            buf.position(dataStart);
            buf.asDoubleBuffer().get(data);
            return new Npy(shape, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static double[] hexDoubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(array.get(i).asText());
        }
        return out;
    }
}
