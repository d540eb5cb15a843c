package io.hrnetspark.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hrnetspark.model.coco.CocoDataset;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** A small COCO person-keypoint ground truth and results, written as JSON and read back. */
final class TinySet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode gt = JSON.createObjectNode();
    private final ArrayNode results = JSON.createArrayNode();
    private final int numKeypoints;

    TinySet(int numKeypoints) {
        this.numKeypoints = numKeypoints;
        gt.putArray("images");
        gt.putArray("annotations");
        gt.putArray("categories").addObject().put("id", 1).put("name", "person");
    }

    TinySet image(long id, Double crowdIndex) {
        ObjectNode image = ((ArrayNode) gt.get("images")).addObject().put("id", id)
                .put("width", 640).put("height", 480);
        if (crowdIndex != null) {
            image.put("crowdIndex", crowdIndex);
        }
        return this;
    }

    /** Keypoints of a standing person whose top-left keypoint is at (x, y), all visible. */
    double[] person(double x, double y) {
        double[] kp = new double[3 * numKeypoints];
        for (int k = 0; k < numKeypoints; k++) {
            kp[3 * k] = x + (k % 3) * 10;
            kp[3 * k + 1] = y + k * 6;
            kp[3 * k + 2] = 2;
        }
        return kp;
    }

    /** The same keypoints moved by (dx, dy), confidence 1 (as a detection). */
    static double[] moved(double[] kp, double dx, double dy) {
        double[] out = kp.clone();
        for (int k = 0; k < out.length / 3; k++) {
            out[3 * k] += dx;
            out[3 * k + 1] += dy;
            out[3 * k + 2] = 1;
        }
        return out;
    }

    TinySet gt(long id, long imageId, double[] keypoints, int numKeypointsField, double area,
               double[] bbox, int iscrowd) {
        ObjectNode ann = ((ArrayNode) gt.get("annotations")).addObject().put("id", id)
                .put("image_id", imageId).put("category_id", 1).put("iscrowd", iscrowd)
                .put("num_keypoints", numKeypointsField).put("area", area);
        array(ann.putArray("keypoints"), keypoints);
        array(ann.putArray("bbox"), bbox);
        return this;
    }

    /** A ground-truth person or crowd region with an extra stored {@code ignore} key. */
    TinySet gtWithIgnoreKey(long id, long imageId, double[] keypoints, int numKeypointsField,
                            double area, double[] bbox, int ignore) {
        gt(id, imageId, keypoints, numKeypointsField, area, bbox, 0);
        ArrayNode anns = (ArrayNode) gt.get("annotations");
        ((ObjectNode) anns.get(anns.size() - 1)).put("ignore", ignore);
        return this;
    }

    TinySet result(long imageId, double[] keypoints, double score) {
        ObjectNode r = results.addObject().put("image_id", imageId).put("category_id", 1)
                .put("score", score);
        array(r.putArray("keypoints"), keypoints);
        return this;
    }

    CocoDataset groundTruth() {
        return CocoDataset.read(stream(gt), "gt.json");
    }

    CocoDataset results(CocoDataset groundTruth) {
        return groundTruth.loadRes(stream(results), "results.json");
    }

    private static ByteArrayInputStream stream(Object node) {
        return new ByteArrayInputStream(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }
}
