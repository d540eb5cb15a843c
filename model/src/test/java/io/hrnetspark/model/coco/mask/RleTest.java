package io.hrnetspark.model.coco.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void emptyMaskIsOneRunOfZerosWithAnEmptyBox() {
        Rle empty = Rle.encode(new byte[12], 4, 3);
        assertArrayEquals(new long[] {12}, empty.counts());
        assertEquals("<", empty.toCompressed());
        assertEquals(0, empty.area());
        assertArrayEquals(new double[] {0, 0, 0, 0}, empty.toBbox());
        assertArrayEquals(new byte[12], empty.decode());
    }

    @Test
    void fullMaskStartsWithAnEmptyRunOfZeros() {
        byte[] ones = new byte[12];
        java.util.Arrays.fill(ones, (byte) 1);
        Rle full = Rle.encode(ones, 4, 3);
        assertArrayEquals(new long[] {0, 12}, full.counts());
        assertEquals("0<", full.toCompressed());
        assertEquals(12, full.area());
        assertArrayEquals(new double[] {0, 0, 3, 4}, full.toBbox());
        assertArrayEquals(ones, full.decode());
    }

    @Test
    void encodeStartsANewRunWheneverTheByteValueChangesLikeTheCApi() {
        assertEquals(Rle.encode(new byte[] {0, 1, 1, 0}, 2, 2), Rle.encode(new byte[] {0, -1, -1, 0}, 2, 2));
        // 1 then 2 are different values, so the C code toggles between them.
        assertArrayEquals(new long[] {1, 1, 1, 1}, Rle.encode(new byte[] {0, 1, 2, 0}, 2, 2).counts());
    }

    @Test
    void largeRunsRoundTripThroughMultiCharacterValues() {
        Rle rle = new Rle(100_000, 1_000, new long[] {5_000_000, 1, 94_999_999});
        assertEquals("Pjbh41o]Ucj2", rle.toCompressed());
        assertEquals(rle, Rle.fromCompressed(rle.toCompressed(), 100_000, 1_000));
    }

    @Test
    void rectangleTouchingTheBottomRightBorderCoversItsLastRowAndColumn() {
        Rle rle = Rle.fromPolygon(new double[] {1, 1, 3, 1, 3, 4, 1, 4}, 4, 3);
        assertArrayEquals(new long[] {5, 3, 1, 3}, rle.counts());
        assertArrayEquals(new double[] {1, 1, 2, 3}, rle.toBbox());
    }

    @Test
    void repeatedVerticesDoNotChangeTheRaster() {
        Rle repeated = Rle.fromPolygon(new double[] {1, 1, 1, 1, 3, 1, 3, 1, 3, 4, 3, 4, 1, 4, 1, 4}, 4, 3);
        assertEquals(Rle.fromPolygon(new double[] {1, 1, 3, 1, 3, 4, 1, 4}, 4, 3), repeated);
    }

    @Test
    void polygonOutsideTheImageIsEmptyAndPolygonAroundItIsFull() {
        assertArrayEquals(new long[] {25}, Rle.fromPolygon(new double[] {10, 10, 12, 10, 12, 12}, 5, 5).counts());
        assertArrayEquals(new long[] {0, 12},
                Rle.fromPolygon(new double[] {-5, -5, 20, -5, 20, 20, -5, 20}, 4, 3).counts());
    }

    @Test
    void negativeVerticesRoundTowardZeroOnTheFineGrid() {
        // (int)(5 * -0.2 + 0.5) = (int)(-0.5) = 0, the fine column of x = 0; floor would give -1, the
        // fine column of x = -0.3, which pulls the edge over pixel (0, 0).
        long[] atZero = Rle.fromPolygon(new double[] {0.0, 0, 1, 0, 1, 1}, 8, 6).counts();
        assertArrayEquals(new long[] {48}, atZero);
        assertArrayEquals(atZero, Rle.fromPolygon(new double[] {-0.2, 0, 1, 0, 1, 1}, 8, 6).counts());
        assertArrayEquals(new long[] {0, 1, 47}, Rle.fromPolygon(new double[] {-0.3, 0, 1, 0, 1, 1}, 8, 6).counts());
    }

    @Test
    void polygonWithoutVerticesIsEmpty() {
        assertArrayEquals(new long[] {12}, Rle.fromPolygon(new double[0], 4, 3).counts());
    }

    @Test
    void zeroSizeBoxesRasteriseToEmptyMasks() {
        assertEquals(0, Rle.fromBbox(new double[] {1, 1, 0, 3}, 4, 4).area());
        assertEquals(0, Rle.fromBbox(new double[] {1, 1, 2, 0}, 4, 4).area());
        assertArrayEquals(new long[] {5, 2, 2, 2, 5}, Rle.fromBbox(new double[] {1, 1, 2, 2}, 4, 4).counts());
    }

    @Test
    void mergeUnitesOrIntersects() {
        Rle left = Rle.fromBbox(new double[] {0, 0, 2, 4}, 4, 4);
        Rle middle = Rle.fromBbox(new double[] {1, 0, 2, 4}, 4, 4);
        Rle right = Rle.fromBbox(new double[] {2, 0, 2, 4}, 4, 4);
        assertArrayEquals(new long[] {0, 16}, Rle.merge(List.of(left, middle, right), false).counts());
        assertArrayEquals(new long[] {4, 4, 8}, Rle.merge(List.of(left, middle), true).counts());
        assertArrayEquals(new long[] {16}, Rle.merge(List.of(left, right), true).counts());
        assertArrayEquals(new long[] {16}, Rle.merge(List.of(left, middle, right), true).counts());
        assertEquals(left, Rle.merge(List.of(left), true));
    }

    @Test
    void mergeRefusesMasksOfDifferentSizes() {
        Rle a = Rle.encode(new byte[4], 2, 2);
        Rle b = Rle.encode(new byte[6], 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rle.merge(List.of(a, b), false));
        assertEquals("Cannot merge RLEs of sizes 2x2 and 2x3.", e.getMessage());
    }

    @Test
    void countsAreCopiedInAndOut() {
        long[] counts = {1, 2, 1};
        Rle rle = new Rle(2, 2, counts);
        counts[0] = 3;
        rle.counts()[0] = 3;
        assertArrayEquals(new long[] {1, 2, 1}, rle.counts());
        assertNotSame(rle.counts(), rle.counts());
    }

    @Test
    void countsMustCoverTheMaskExactly() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Rle(3, 5, new long[] {4, 8}));
        assertEquals("RLE counts sum to 12 but a 3x5 mask has 15 pixels; check that 'size' is [height, width] of "
                + "this mask.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new Rle(2, 2, new long[] {3, -1, 2}));
        assertEquals("RLE run length -1 is outside 0..4 for a 2x2 mask; re-encode the mask with the COCO mask API.",
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new Rle(0, 2, new long[0]));
        assertEquals("The RLE size 0x2 is not a valid image size; height and width must be positive with at most "
                + "2147483647 pixels.", e.getMessage());
    }

    @Test
    void malformedCompressedStringsAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rle.fromCompressed("5 10", 4, 3));
        assertEquals("Compressed RLE counts '5 10' have the character ' ' at position 1; COCO compressed counts use "
                + "only the characters '0' to 'o'.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Rle.fromCompressed("5i", 4, 3));
        assertEquals("Compressed RLE counts '5i' end in the middle of a value; the string is truncated.", e.getMessage());
        // "1" is the run 1, "O" is -1 (sign bit 0x10 set).
        e = assertThrows(InvalidInputException.class, () -> Rle.fromCompressed("O", 4, 3));
        assertEquals("Compressed RLE counts 'O' decode to the negative run -1 at run 0; re-encode the mask with the "
                + "COCO mask API.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Rle.fromCompressed("ooooooooooooo1", 4, 3));
        assertEquals("Compressed RLE counts 'ooooooooooooo1' have a value longer than 12 characters at position 12, "
                + "far beyond any mask size; the string is corrupt.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Rle.fromCompressed("51", 4, 3));
        assertEquals("RLE counts sum to 6 but a 4x3 mask has 12 pixels; check that 'size' is [height, width] of "
                + "this mask.", e.getMessage());
    }

    @Test
    void badPolygonsAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Rle.fromPolygon(new double[] {1, 1, 3, 1, 3}, 4, 4));
        assertEquals("A polygon has an odd number of coordinates (5); polygons are [x1, y1, x2, y2, ...].",
                e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> Rle.fromPolygon(new double[] {1, 1, Double.NaN, 1, 3, 3}, 4, 4));
        assertEquals("Polygon coordinate NaN is not a finite number within ±1.0E8 pixels; fix the segmentation.",
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Rle.fromPolygons(List.of(), 4, 4));
        assertEquals("Polygon segmentation is an empty list; give at least one polygon [x1, y1, x2, y2, x3, y3, ...].",
                e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> Rle.fromPolygons(List.of(new double[] {1, 1, 3, 3}, new double[] {1, 1, 3, 1, 3, 3}), 4, 4));
        assertEquals("The first polygon of a segmentation has 4 coordinates; a polygon needs at least 3 points "
                + "(6 coordinates).", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Rle.fromBbox(new double[] {1, 1, 3}, 4, 4));
        assertEquals("A box must have 4 numbers [x, y, width, height], but has 3.", e.getMessage());
    }

    @Test
    void laterDegeneratePolygonsAreKeptAsFrPyObjectsKeepsThem() {
        double[] triangle = {0, 0, 4, 0, 4, 4};
        Rle expected = Rle.fromPolygon(triangle, 4, 4);
        assertEquals(expected, Rle.fromPolygons(List.of(triangle, new double[] {1, 1, 2, 2}, new double[0]), 4, 4));
    }

    @Test
    void segmentationAcceptsPolygonsUncompressedAndCompressedRle() throws Exception {
        Rle square = Rle.fromBbox(new double[] {1, 1, 2, 2}, 4, 4);
        assertEquals(square, Rle.fromSegmentation(json("[[1, 1, 1, 3, 3, 3, 3, 1]]"), 4, 4));
        assertEquals(square, Rle.fromSegmentation(json("{\"counts\": [5, 2, 2, 2, 5], \"size\": [4, 4]}"), 4, 4));
        assertEquals(square, Rle.fromSegmentation(json("{\"size\": [4, 4], \"counts\": \"52203\"}"), 4, 4));
    }

    @Test
    void segmentationRleKeepsItsOwnSizeAsPycocotoolsDoes() throws Exception {
        Rle rle = Rle.fromSegmentation(json("{\"counts\": [6], \"size\": [2, 3]}"), 4, 4);
        assertEquals(2, rle.height());
        assertEquals(3, rle.width());
    }

    @Test
    void crowdRegionsOfTheFixtureConvertWithTheirStoredArea() {
        JsonNode gt = MaskFixtures.read("gt.json");
        int crowds = 0;
        for (JsonNode ann : gt.get("annotations")) {
            if (ann.get("iscrowd").asInt() == 1) {
                crowds++;
                Rle rle = Rle.fromSegmentation(ann.get("segmentation"), 1, 1);
                assertEquals(ann.get("area").asLong(), rle.area());
                assertArrayEquals(MaskFixtures.doubles(ann.get("bbox")), rle.toBbox());
            }
        }
        assertEquals(2, crowds);
    }

    @Test
    void malformedSegmentationsAreRefusedWithOneSentence() {
        assertSegmentationError("\"abc\"", "The segmentation is the string \"abc\", neither a polygon list nor an RLE "
                + "{\"counts\": ..., \"size\": [height, width]}; fix the annotation.");
        assertSegmentationError("{\"counts\": \"52225\"}", "The segmentation is the object {\"counts\":\"52225\"}, "
                + "neither a polygon list nor an RLE {\"counts\": ..., \"size\": [height, width]}; fix the annotation.");
        assertSegmentationError("null", "The segmentation is missing; give a polygon list or an RLE "
                + "{\"counts\": ..., \"size\": [height, width]}.");
        assertSegmentationError("{\"counts\": \"52225\", \"size\": [4]}",
                "The RLE 'size' is [4] but must be [height, width], two positive integers.");
        assertSegmentationError("{\"counts\": [5, 2.5, 9], \"size\": [4, 4]}", "The uncompressed RLE 'counts' has the "
                + "number 2.5 at position 1 where a run length (a non-negative integer) belongs.");
        assertSegmentationError("{\"counts\": 16, \"size\": [4, 4]}",
                "The RLE 'counts' is the number 16, neither a compressed string nor a list of run lengths.");
        assertSegmentationError("[[1, 1, 3, 1, \"3\", 3]]", "Polygon 0 of the segmentation has the string \"3\" at "
                + "position 4 where a coordinate (a number) belongs.");
        assertSegmentationError("[[1, 1, 3, 1, 3, 3], 5]",
                "Polygon 1 of the segmentation is the number 5, not a list of coordinates [x1, y1, x2, y2, ...].");
    }

    private static void assertSegmentationError(String segmentation, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Rle.fromSegmentation(json(segmentation), 4, 4));
        assertEquals(message, e.getMessage());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
