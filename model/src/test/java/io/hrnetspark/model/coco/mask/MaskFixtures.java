package io.hrnetspark.model.coco.mask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the coco-segm-eval fixture files from the test classpath and converts their values. */
final class MaskFixtures {

    private MaskFixtures() {
    }

    static JsonNode read(String file) {
        String resource = "/fixtures/coco-segm-eval/" + file;
        try (InputStream in = MaskFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column-major 0/1 bytes of a mask given as row strings, where {@code rows[y].charAt(x)} is pixel (x, y). */
    static byte[] columnMajor(JsonNode rows) {
        int height = rows.size();
        int width = rows.get(0).asText().length();
        byte[] mask = new byte[height * width];
        for (int y = 0; y < height; y++) {
            String row = rows.get(y).asText();
            for (int x = 0; x < width; x++) {
                mask[x * height + y] = (byte) (row.charAt(x) - '0');
            }
        }
        return mask;
    }

    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).longValue();
        }
        return values;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }

    /** The compressed RLE object {@code {"size": [h, w], "counts": "..."}} of the fixture. */
    static Rle compressed(JsonNode rle) {
        return Rle.fromCompressed(rle.get("counts").asText(), rle.get("size").get(0).intValue(),
                rle.get("size").get(1).intValue());
    }
}
