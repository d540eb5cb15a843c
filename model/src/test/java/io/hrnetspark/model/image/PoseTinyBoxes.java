package io.hrnetspark.model.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.fixture.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The three person boxes of the pose-tiny fixture with their official center and scale. */
public record PoseTinyBoxes(double[] xywh, float[] center, float[] scale) {

    public static final int INPUT_WIDTH = 96;
    public static final int INPUT_HEIGHT = 128;
    public static final int HEATMAP_WIDTH = 24;
    public static final int HEATMAP_HEIGHT = 32;

    public static List<PoseTinyBoxes> load() {
        try {
            JsonNode root = new ObjectMapper().readTree(Fixtures.bytes("pose-tiny/boxes.json"));
            List<PoseTinyBoxes> boxes = new ArrayList<>();
            for (JsonNode box : root.get("boxes")) {
                JsonNode b = box.get("box_xywh");
                boxes.add(new PoseTinyBoxes(
                        new double[] {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()},
                        new float[] {(float) box.get("center").get(0).asDouble(), (float) box.get("center").get(1).asDouble()},
                        new float[] {(float) box.get("scale").get(0).asDouble(), (float) box.get("scale").get(1).asDouble()}));
            }
            return boxes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CenterScale region() {
        return CenterScale.fromBox(xywh[0], xywh[1], xywh[2], xywh[3], INPUT_WIDTH, INPUT_HEIGHT);
    }
}
