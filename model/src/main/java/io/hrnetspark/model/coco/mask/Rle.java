package io.hrnetspark.model.coco.mask;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary mask as COCO run-length encoding, equal to the {@code RLE} of the COCO mask API
 * ({@code maskApi.c}, used by pycocotools): run lengths over the mask in column-major order
 * (pixel (x, y) has index {@code x * height + y}), the first run counting zeros, so a mask
 * starting with a one has a first count of 0.
 *
 * <p>Every operation reproduces the C code exactly, including its quirks (polygon rasterisation on
 * a 5x finer grid, {@link #toBbox()} reporting the full height when a run wraps into the next
 * column). A valid RLE has non-negative counts summing to {@code height * width}, and at most
 * {@link #MAX_PIXELS} pixels so that the C code's unsigned 32-bit sums of two runs cannot wrap.
 *
 * @param height mask height in pixels (rows)
 * @param width mask width in pixels (columns)
 * @param counts run lengths, alternately zeros and ones, starting with zeros; copied on the way in
 *     and out
 */
public record Rle(int height, int width, long[] counts) {

    /** Largest mask size, in pixels, accepted: 2^31 - 1. */
    public static final long MAX_PIXELS = Integer.MAX_VALUE;

    /** Mask of C's unsigned 32-bit arithmetic. */
    private static final long UINT = 0xFFFF_FFFFL;

    public Rle {
        long pixels = checkSize(height, width, "RLE");
        counts = counts.clone();
        long sum = 0;
        for (long count : counts) {
            if (count < 0 || count > pixels) {
                throw new InvalidInputException("RLE run length " + count + " is outside 0.." + pixels
                        + " for a " + height + "x" + width + " mask; re-encode the mask with the COCO mask API.");
            }
            sum += count;
        }
        if (sum != pixels) {
            throw new InvalidInputException("RLE counts sum to " + sum + " but a " + height + "x" + width
                    + " mask has " + pixels + " pixels; check that 'size' is [height, width] of this mask.");
        }
    }

    /** Run-length encodes a column-major mask (index {@code x * height + y}), as {@code rleEncode}. */
    public static Rle encode(byte[] maskColumnMajor, int height, int width) {
        long pixels = checkSize(height, width, "mask");
        if (maskColumnMajor.length != pixels) {
            throw new IllegalArgumentException("Mask has " + maskColumnMajor.length + " values, expected "
                    + height + "x" + width + " = " + pixels + ".");
        }
        // Like the C code, a run ends wherever the byte value changes, so 0/255 masks encode as 0/1.
        int runs = 1;
        byte previous = 0;
        for (byte value : maskColumnMajor) {
            if (value != previous) {
                runs++;
                previous = value;
            }
        }
        long[] counts = new long[runs];
        int k = 0;
        long run = 0;
        previous = 0;
        for (byte value : maskColumnMajor) {
            if (value != previous) {
                counts[k++] = run;
                run = 0;
                previous = value;
            }
            run++;
        }
        counts[k] = run;
        return new Rle(height, width, counts);
    }

    /** The mask as 0/1 bytes in column-major order, as {@code rleDecode}. */
    public byte[] decode() {
        byte[] mask = new byte[height * width];
        int position = 0;
        byte value = 0;
        for (long count : counts) {
            Arrays.fill(mask, position, position + (int) count, value);
            position += (int) count;
            value ^= 1;
        }
        return mask;
    }

    /** Parses the compressed counts string of the COCO format ({@code rleFrString}). */
    public static Rle fromCompressed(String counts, int height, int width) {
        checkSize(height, width, "compressed RLE");
        return new Rle(height, width, CompressedCounts.decode(counts));
    }

    /** The compressed counts string of the COCO format, exactly as {@code rleToString} writes it. */
    public String toCompressed() {
        return CompressedCounts.encode(counts);
    }

    /**
     * Rasterises one polygon {@code [x1, y1, x2, y2, ...]} as {@code rleFrPoly}: vertices scaled by 5
     * and rounded with C's {@code (int)(5 * x + 0.5)}, edges traced on the fine grid, and a pixel
     * column's crossings kept at pixel centres.
     */
    public static Rle fromPolygon(double[] xy, int height, int width) {
        checkSize(height, width, "polygon");
        return new Rle(height, width, PolygonRasterizer.rasterize(xy, height, width));
    }

    /**
     * Rasterises the polygons of one object and unites them, as {@code COCO.annToRLE} does with
     * {@code frPyObjects} and {@code merge}. Like {@code frPyObjects}, the first polygon must have
     * more than 4 coordinates; later ones may be degenerate.
     */
    public static Rle fromPolygons(List<double[]> polygons, int height, int width) {
        if (polygons.isEmpty()) {
            throw new InvalidInputException(
                    "Polygon segmentation is an empty list; give at least one polygon [x1, y1, x2, y2, x3, y3, ...].");
        }
        if (polygons.get(0).length <= 4) {
            throw new InvalidInputException("The first polygon of a segmentation has " + polygons.get(0).length
                    + " coordinates; a polygon needs at least 3 points (6 coordinates).");
        }
        List<Rle> parts = new ArrayList<>(polygons.size());
        for (double[] polygon : polygons) {
            parts.add(fromPolygon(polygon, height, width));
        }
        return merge(parts, false);
    }

    /** Rasterises a box {@code [x, y, w, h]} as {@code rleFrBbox} (the box as a 4-vertex polygon). */
    public static Rle fromBbox(double[] xywh, int height, int width) {
        if (xywh.length != 4) {
            throw new InvalidInputException(
                    "A box must have 4 numbers [x, y, width, height], but has " + xywh.length + ".");
        }
        double xs = xywh[0];
        double ys = xywh[1];
        double xe = xs + xywh[2];
        double ye = ys + xywh[3];
        return fromPolygon(new double[] {xs, ys, xs, ye, xe, ye, xe, ys}, height, width);
    }

    /**
     * The mask of a COCO {@code segmentation} field, as {@code COCO.annToRLE}: a polygon list is
     * rasterised at {@code height x width} (the image size) and united; an uncompressed RLE
     * {@code {"counts": [...], "size": [h, w]}} or a compressed one {@code {"counts": "...", "size": [h, w]}}
     * keeps its own {@code size}, as pycocotools does.
     */
    public static Rle fromSegmentation(JsonNode segmentation, int height, int width) {
        return SegmentationJson.toRle(segmentation, height, width);
    }

    /**
     * Unites ({@code intersect = false}) or intersects masks of one size, as {@code rleMerge}.
     */
    public static Rle merge(List<Rle> rles, boolean intersect) {
        if (rles.isEmpty()) {
            throw new IllegalArgumentException("Cannot merge an empty list of RLEs.");
        }
        Rle first = rles.get(0);
        long[] merged = first.counts;
        for (int r = 1; r < rles.size(); r++) {
            Rle other = rles.get(r);
            if (other.height != first.height || other.width != first.width) {
                throw new IllegalArgumentException("Cannot merge RLEs of sizes " + first.height + "x" + first.width
                        + " and " + other.height + "x" + other.width + ".");
            }
            merged = mergeRuns(merged, other.counts, intersect);
        }
        return new Rle(first.height, first.width, merged);
    }

    private static long[] mergeRuns(long[] a, long[] b, boolean intersect) {
        long[] out = new long[a.length + b.length];
        int m = 0;
        long ca = a[0];
        long cb = b[0];
        boolean va = false;
        boolean vb = false;
        boolean v = false;
        int ia = 1;
        int ib = 1;
        long run = 0;
        long remaining = 1;
        while (remaining > 0) {
            long c = Math.min(ca, cb);
            run += c;
            ca -= c;
            if (ca == 0 && ia < a.length) {
                ca = a[ia++];
                va = !va;
            }
            cb -= c;
            if (cb == 0 && ib < b.length) {
                cb = b[ib++];
                vb = !vb;
            }
            remaining = ca + cb;
            boolean previous = v;
            v = intersect ? va && vb : va || vb;
            if (v != previous || remaining == 0) {
                out[m++] = run;
                run = 0;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** Number of foreground pixels, as {@code rleArea}. */
    public long area() {
        long area = 0;
        for (int j = 1; j < counts.length; j += 2) {
            area += counts[j];
        }
        return area;
    }

    /**
     * The box {@code [x, y, w, h]} of the foreground, as {@code rleToBbox}: when a run of ones
     * continues from one column into the next, the box spans the full height; an empty mask gives
     * {@code [0, 0, 0, 0]}. The C code's unsigned 32-bit arithmetic is kept.
     */
    public double[] toBbox() {
        int pairs = counts.length / 2 * 2;
        if (pairs == 0) {
            return new double[4];
        }
        long h = height;
        long xs = width;
        long ys = height;
        long xe = 0;
        long ye = 0;
        long xp = 0;
        long cc = 0;
        for (int j = 0; j < pairs; j++) {
            cc = (cc + counts[j]) & UINT;
            long t = (cc - (j % 2)) & UINT;
            long y = t % h;
            long x = (t - y) / h;
            if (j % 2 == 0) {
                xp = x;
            } else if (xp < x) {
                ys = 0;
                ye = h - 1;
            }
            xs = Math.min(xs, x);
            xe = Math.max(xe, x);
            ys = Math.min(ys, y);
            ye = Math.max(ye, y);
        }
        return new double[] {xs, ys, (xe - xs + 1) & UINT, (ye - ys + 1) & UINT};
    }

    /** The counts themselves, not a copy, for the package's run-walking loops; never modified. */
    long[] runs() {
        return counts;
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rle rle && rle.height == height && rle.width == width
                && Arrays.equals(rle.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Rle[" + height + "x" + width + ", counts=" + toCompressed() + "]";
    }

    private static long checkSize(int height, int width, String what) {
        long pixels = (long) height * width;
        if (height < 1 || width < 1 || pixels > MAX_PIXELS) {
            throw new InvalidInputException("The " + what + " size " + height + "x" + width
                    + " is not a valid image size; height and width must be positive with at most "
                    + MAX_PIXELS + " pixels.");
        }
        return pixels;
    }
}
