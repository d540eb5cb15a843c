package io.hrnetspark.model.net;

import io.hrnetspark.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks a checkpoint's tensors against a network's {@code state_dict} layout by name and shape:
 * every tensor must have a place and every place a tensor (the official loaders' {@code strict=False}
 * silently skips both).
 */
public final class StateDictMatch {

    private static final int LISTED = 5;

    private final List<String> missing = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> wrongShape = new ArrayList<>();

    private StateDictMatch(ParameterLayout layout, Map<String, long[]> shapes) {
        Map<String, ParameterEntry> entries = layout.byKey();
        for (ParameterEntry entry : entries.values()) {
            long[] shape = shapes.get(entry.key());
            if (shape == null) {
                missing.add(entry.key());
            } else if (!Arrays.equals(shape, entry.shape())) {
                wrongShape.add(entry.key() + " " + Arrays.toString(shape) + " instead of "
                        + Arrays.toString(entry.shape()));
            }
        }
        for (String key : shapes.keySet()) {
            if (!entries.containsKey(key)) {
                unexpected.add(key);
            }
        }
    }

    /** Compares a checkpoint's tensor shapes (key to shape, in checkpoint order) with {@code layout}. */
    public static StateDictMatch of(ParameterLayout layout, Map<String, long[]> shapes) {
        return new StateDictMatch(layout, shapes);
    }

    public boolean matches() {
        return missing.isEmpty() && unexpected.isEmpty() && wrongShape.isEmpty();
    }

    /** Network keys the checkpoint lacks, in layout order. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    /** Checkpoint keys the network has no place for. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Keys present on both sides with different shapes, each as {@code key [checkpoint] instead of [network]}. */
    public List<String> wrongShape() {
        return List.copyOf(wrongShape);
    }

    /** Throws the one-sentence error listing the mismatches unless the checkpoint matches. */
    public void requireMatch(String weightsSource, String networkSource) {
        if (!matches()) {
            throw new InvalidInputException("Weights " + weightsSource + " do not fit the network of "
                    + networkSource + ": " + describe() + "; use the checkpoint trained with this config.");
        }
    }

    /** The mismatches in one clause, the first few of each kind with their counts. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        part(parts, missing, "missing key");
        part(parts, unexpected, "unexpected key");
        part(parts, wrongShape, "wrong shape");
        return parts.isEmpty() ? "all keys and shapes match" : String.join(", ", parts);
    }

    private static void part(List<String> parts, List<String> items, String noun) {
        if (items.isEmpty()) {
            return;
        }
        String listed = String.join("; ", items.subList(0, Math.min(LISTED, items.size())));
        String more = items.size() > LISTED ? "; and " + (items.size() - LISTED) + " more" : "";
        parts.add(items.size() + " " + noun + (items.size() == 1 ? "" : "s") + " (" + listed + more + ")");
    }
}
