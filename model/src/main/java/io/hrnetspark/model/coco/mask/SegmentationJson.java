package io.hrnetspark.model.coco.mask;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the three forms of a COCO {@code segmentation} field, as {@code COCO.annToRLE} takes them. */
final class SegmentationJson {

    private SegmentationJson() {
    }

    static Rle toRle(JsonNode segmentation, int height, int width) {
        if (segmentation == null || segmentation.isNull() || segmentation.isMissingNode()) {
            throw new InvalidInputException("The segmentation is missing; give a polygon list or an RLE "
                    + "{\"counts\": ..., \"size\": [height, width]}.");
        }
        if (segmentation.isArray()) {
            return Rle.fromPolygons(polygons(segmentation), height, width);
        }
        if (segmentation.isObject() && segmentation.has("counts") && segmentation.has("size")) {
            return rle(segmentation.get("counts"), segmentation.get("size"));
        }
        throw new InvalidInputException("The segmentation is " + describe(segmentation) + ", neither a polygon "
                + "list nor an RLE {\"counts\": ..., \"size\": [height, width]}; fix the annotation.");
    }

    private static List<double[]> polygons(JsonNode list) {
        List<double[]> polygons = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode polygon = list.get(i);
            if (!polygon.isArray()) {
                throw new InvalidInputException("Polygon " + i + " of the segmentation is " + describe(polygon)
                        + ", not a list of coordinates [x1, y1, x2, y2, ...].");
            }
            double[] xy = new double[polygon.size()];
            for (int j = 0; j < xy.length; j++) {
                JsonNode value = polygon.get(j);
                if (!value.isNumber()) {
                    throw new InvalidInputException("Polygon " + i + " of the segmentation has " + describe(value)
                            + " at position " + j + " where a coordinate (a number) belongs.");
                }
                xy[j] = value.doubleValue();
            }
            polygons.add(xy);
        }
        return polygons;
    }

    private static Rle rle(JsonNode counts, JsonNode size) {
        if (!size.isArray() || size.size() != 2 || !isInt(size.get(0)) || !isInt(size.get(1))) {
            throw new InvalidInputException("The RLE 'size' is " + size
                    + " but must be [height, width], two positive integers.");
        }
        int height = size.get(0).intValue();
        int width = size.get(1).intValue();
        if (counts.isTextual()) {
            return Rle.fromCompressed(counts.textValue(), height, width);
        }
        if (counts.isArray()) {
            long[] runs = new long[counts.size()];
            for (int i = 0; i < runs.length; i++) {
                JsonNode run = counts.get(i);
                if (!run.isIntegralNumber() || !run.canConvertToLong() || run.longValue() < 0) {
                    throw new InvalidInputException("The uncompressed RLE 'counts' has " + describe(run)
                            + " at position " + i + " where a run length (a non-negative integer) belongs.");
                }
                runs[i] = run.longValue();
            }
            return new Rle(height, width, runs);
        }
        throw new InvalidInputException("The RLE 'counts' is " + describe(counts)
                + ", neither a compressed string nor a list of run lengths.");
    }

    private static boolean isInt(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt();
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
        return "the " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }
}
