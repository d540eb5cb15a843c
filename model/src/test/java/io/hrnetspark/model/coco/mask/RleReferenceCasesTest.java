package io.hrnetspark.model.coco.mask;

import static io.hrnetspark.model.coco.mask.MaskFixtures.columnMajor;
import static io.hrnetspark.model.coco.mask.MaskFixtures.compressed;
import static io.hrnetspark.model.coco.mask.MaskFixtures.doubles;
import static io.hrnetspark.model.coco.mask.MaskFixtures.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of rle-cases.json (outputs of pycocotools.mask), reproduced exactly. */
class RleReferenceCasesTest {

    private static final JsonNode CASES = MaskFixtures.read("rle-cases.json");

    @TestFactory
    Stream<DynamicTest> encodeGivesTheRunsStringAreaAndBoxOfPycocotools() {
        return cases("encode").map(c -> dynamicTest(c.get("name").asText(), () -> {
            int h = c.get("size").get(0).intValue();
            int w = c.get("size").get(1).intValue();
            byte[] mask = columnMajor(c.get("mask_rows"));
            Rle rle = Rle.encode(mask, h, w);
            assertArrayEquals(longs(c.get("counts_uncompressed")), rle.counts());
            assertEquals(c.get("counts").asText(), rle.toCompressed());
            assertEquals(c.get("area").longValue(), rle.area());
            assertArrayEquals(doubles(c.get("bbox")), rle.toBbox());
            Rle parsed = Rle.fromCompressed(c.get("counts").asText(), h, w);
            assertEquals(rle, parsed);
            assertArrayEquals(mask, parsed.decode());
        }));
    }

    @TestFactory
    Stream<DynamicTest> polygonsRasteriseAndMergeLikeAnnToRle() {
        return cases("polygons").map(c -> dynamicTest(c.get("name").asText(), () -> {
            int h = c.get("size").get(0).intValue();
            int w = c.get("size").get(1).intValue();
            List<double[]> polygons = new ArrayList<>();
            for (int i = 0; i < c.get("polygons").size(); i++) {
                double[] xy = doubles(c.get("polygons").get(i));
                polygons.add(xy);
                Rle part = Rle.fromPolygon(xy, h, w);
                assertEquals(compressed(c.get("part_rles").get(i)), part, "part " + i);
                assertEquals(c.get("part_rles").get(i).get("counts").asText(), part.toCompressed(), "part " + i);
                assertEquals(c.get("part_areas").get(i).longValue(), part.area(), "part " + i);
            }
            Rle merged = Rle.fromPolygons(polygons, h, w);
            assertEquals(c.get("merged").get("counts").asText(), merged.toCompressed());
            assertArrayEquals(longs(c.get("merged_counts_uncompressed")), merged.counts());
            assertArrayEquals(columnMajor(c.get("mask_rows")), merged.decode());
            assertEquals(c.get("area").longValue(), merged.area());
            assertArrayEquals(doubles(c.get("bbox")), merged.toBbox());
            assertEquals(merged, Rle.fromSegmentation(c.get("polygons"), h, w));
        }));
    }

    @TestFactory
    Stream<DynamicTest> boxesRasteriseLikeFrBbox() {
        return cases("boxes").map(c -> dynamicTest(c.get("name").asText(), () -> {
            int h = c.get("size").get(0).intValue();
            int w = c.get("size").get(1).intValue();
            Rle rle = Rle.fromBbox(doubles(c.get("box_xywh")), h, w);
            assertEquals(c.get("rle").get("counts").asText(), rle.toCompressed());
            assertArrayEquals(columnMajor(c.get("mask_rows")), rle.decode());
            assertEquals(c.get("area").longValue(), rle.area());
            assertArrayEquals(doubles(c.get("bbox")), rle.toBbox());
        }));
    }

    @Test
    void opsMasksDecodeToTheirRows() {
        JsonNode masks = CASES.get("ops").get("masks");
        for (String name : List.of("A", "B", "C")) {
            Rle rle = compressed(masks.get(name));
            assertArrayEquals(columnMajor(masks.get(name).get("mask_rows")), rle.decode(), name);
            assertEquals(masks.get(name).get("counts").asText(), Rle.encode(rle.decode(), 24, 24).toCompressed(), name);
        }
    }

    @Test
    void maskIouMatchesWithTheCrowdRule() {
        JsonNode ops = CASES.get("ops");
        JsonNode spec = ops.get("mask_iou");
        List<Rle> dts = new ArrayList<>();
        spec.get("dt").forEach(n -> dts.add(compressed(ops.get("masks").get(n.asText()))));
        List<Rle> gts = new ArrayList<>();
        spec.get("gt").forEach(n -> gts.add(compressed(ops.get("masks").get(n.asText()))));
        double[][] iou = MaskIou.iou(dts, gts, crowdFlags(spec.get("gt_iscrowd")));
        assertMatrixEquals(spec.get("iou"), iou);
    }

    @Test
    void mergeUnionAndIntersectionMatch() {
        JsonNode ops = CASES.get("ops");
        List<Rle> ab = List.of(compressed(ops.get("masks").get("A")), compressed(ops.get("masks").get("B")));
        for (String key : List.of("merge_union_AB", "merge_intersection_AB")) {
            Rle merged = Rle.merge(ab, key.contains("intersection"));
            assertEquals(ops.get(key).get("counts").asText(), merged.toCompressed(), key);
            assertEquals(ops.get(key).get("area").longValue(), merged.area(), key);
        }
    }

    @Test
    void boxIouMatchesWithTheCrowdRule() {
        JsonNode spec = CASES.get("ops").get("box_iou");
        List<double[]> dts = new ArrayList<>();
        spec.get("dt").forEach(n -> dts.add(doubles(n)));
        List<double[]> gts = new ArrayList<>();
        spec.get("gt").forEach(n -> gts.add(doubles(n)));
        assertMatrixEquals(spec.get("iou"), MaskIou.boxIou(dts, gts, crowdFlags(spec.get("gt_iscrowd"))));
    }

    static boolean[] crowdFlags(JsonNode flags) {
        boolean[] crowd = new boolean[flags.size()];
        for (int i = 0; i < crowd.length; i++) {
            crowd[i] = flags.get(i).asInt() != 0;
        }
        return crowd;
    }

    static void assertMatrixEquals(JsonNode expected, double[][] actual) {
        assertEquals(expected.size(), actual.length);
        for (int d = 0; d < actual.length; d++) {
            assertArrayEquals(doubles(expected.get(d)), actual[d], "row " + d);
        }
    }

    private static Stream<JsonNode> cases(String group) {
        return StreamSupport.stream(CASES.get(group).spliterator(), false);
    }
}
