package io.hrnetspark.model.seg;

import io.hrnetspark.model.coco.mask.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A per-pixel class map: one unsigned byte per pixel, row-major, holding a class index (ground
 * truth may use a value such as 255 for pixels that score nothing).
 *
 * @param labels {@code height * width} bytes, copied on the way in and out
 */
public record LabelMap(int width, int height, byte[] labels) {

    private static final int VALUES = 256;

    public LabelMap {
        if (width <= 0 || height <= 0 || (long) width * height > Rle.MAX_PIXELS
                || labels.length != width * height) {
            throw new IllegalArgumentException("A " + width + "x" + height + " label map needs "
                    + (long) width * height + " labels, got " + labels.length);
        }
        labels = labels.clone();
    }

    @Override
    public byte[] labels() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMap map && map.width == width && map.height == height
                && Arrays.equals(map.labels, labels);
    }

    @Override
    public int hashCode() {
        return (width * 31 + height) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelMap[" + width + "x" + height + "]";
    }

    /** The class at column {@code x}, row {@code y}. */
    public int label(int x, int y) {
        return Byte.toUnsignedInt(labels[y * width + x]);
    }

    /**
     * One COCO RLE mask per value present, in value order: the mask of class {@code c} equals
     * {@code Rle.encode} of {@code labels == c} (the COCO API's {@code rleEncode}), built in one
     * column-major pass over the map.
     */
    public List<ClassMask> classMasks() {
        long[][] runs = new long[VALUES][];
        int[] sizes = new int[VALUES];
        long[] end = new long[VALUES];
        int value = -1;
        long start = 0;
        long index = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++, index++) {
                int c = Byte.toUnsignedInt(labels[y * width + x]);
                if (c != value) {
                    if (value >= 0) {
                        addSegment(runs, sizes, end, value, start, index - start);
                    }
                    value = c;
                    start = index;
                }
            }
        }
        addSegment(runs, sizes, end, value, start, index - start);
        List<ClassMask> masks = new ArrayList<>();
        for (int c = 0; c < VALUES; c++) {
            if (runs[c] != null) {
                if (end[c] < index) {
                    append(runs, sizes, c, index - end[c]);
                }
                masks.add(new ClassMask(c, new Rle(height, width, Arrays.copyOf(runs[c], sizes[c]))));
            }
        }
        return masks;
    }

    /** A maximal column-major run of class {@code c}: the zeros since its previous run, then its ones. */
    private static void addSegment(long[][] runs, int[] sizes, long[] end, int c, long start, long length) {
        if (runs[c] == null) {
            runs[c] = new long[8];
        }
        append(runs, sizes, c, start - end[c]);
        append(runs, sizes, c, length);
        end[c] = start + length;
    }

    private static void append(long[][] runs, int[] sizes, int c, long run) {
        if (sizes[c] == runs[c].length) {
            runs[c] = Arrays.copyOf(runs[c], runs[c].length * 2);
        }
        runs[c][sizes[c]++] = run;
    }
}
