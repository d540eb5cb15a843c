package io.hrnetspark.model.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The classes of a semantic segmentation dataset in the order of the network's logits (Cityscapes
 * train ids, LIP labels), with their display colours and the left/right class pairs the flip test
 * swaps, read from the resource files beside this class.
 */
public record SegmentationClasses(String name, List<SegmentationClass> classes, int[][] flipPairs) {

    /** One class: its index in the logits, name and RGB display colour. */
    public record SegmentationClass(int id, String name, int red, int green, int blue) {
    }

    public static final SegmentationClasses CITYSCAPES = load("cityscapes");
    public static final SegmentationClasses LIP = load("lip");

    /** The classes of the {@code DATASET.DATASET} named {@code cityscapes} or {@code lip} (case-insensitive). */
    public static SegmentationClasses byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cityscapes" -> CITYSCAPES;
            case "lip" -> LIP;
            default -> throw new IllegalArgumentException(
                    "Unknown segmentation dataset '" + name + "': use cityscapes or lip.");
        };
    }

    public int numClasses() {
        return classes.size();
    }

    /** For each class, the class its mirror image shows (itself when unpaired). */
    public int[] flipIndex() {
        int[] index = new int[numClasses()];
        for (int c = 0; c < index.length; c++) {
            index[c] = c;
        }
        for (int[] pair : flipPairs) {
            index[pair[0]] = pair[1];
            index[pair[1]] = pair[0];
        }
        return index;
    }

    private static SegmentationClasses load(String name) {
        String resource = name + ".json";
        try (InputStream in = SegmentationClasses.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing segmentation class resource " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<SegmentationClass> classes = new ArrayList<>();
            for (JsonNode node : root.get("classes")) {
                JsonNode color = node.get("color");
                classes.add(new SegmentationClass(classes.size(), node.get("name").asText(),
                        color.get(0).asInt(), color.get(1).asInt(), color.get(2).asInt()));
            }
            JsonNode pairs = root.get("flipPairs");
            int[][] flipPairs = new int[pairs.size()][];
            for (int i = 0; i < flipPairs.length; i++) {
                flipPairs[i] = new int[] {pairs.get(i).get(0).asInt(), pairs.get(i).get(1).asInt()};
            }
            return new SegmentationClasses(root.get("name").asText(), List.copyOf(classes), flipPairs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read segmentation class resource " + resource, e);
        }
    }
}
