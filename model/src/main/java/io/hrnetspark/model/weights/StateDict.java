package io.hrnetspark.model.weights;

import io.hrnetspark.model.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of a checkpoint by their network key ({@code conv1.weight}, ...), in the order the
 * checkpoint stores them, after removing wrappers and prefixes (see {@link TorchCheckpoint}).
 * Immutable; the tensors read their values from the checkpoint bytes on demand.
 */
public final class StateDict {

    private final String source;
    private final Map<String, TensorData> tensors;
    private final List<String> droppedKeys;

    StateDict(String source, Map<String, TensorData> tensors, List<String> droppedKeys) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.droppedKeys = List.copyOf(droppedKeys);
    }

    /** A state dict of the given tensors in the map's iteration order, e.g. for tests or converted weights. */
    public static StateDict of(String source, Map<String, TensorData> tensors) {
        return new StateDict(source, tensors, List.of());
    }

    /** The file name or source name the tensors were read from. */
    public String source() {
        return source;
    }

    /** The keys in checkpoint order. */
    public List<String> keys() {
        return List.copyOf(tensors.keySet());
    }

    /** The tensor under {@code key}, or {@code null} if there is none. */
    public TensorData get(String key) {
        return tensors.get(key);
    }

    /** The tensor under {@code key}; a missing key is the user's wrong checkpoint, reported by name. */
    public TensorData require(String key) {
        TensorData tensor = tensors.get(key);
        if (tensor == null) {
            throw new InvalidInputException("Checkpoint '" + source + "' has no tensor '" + key
                    + "'; check that the checkpoint was trained with the same model configuration.");
        }
        return tensor;
    }

    public boolean containsKey(String key) {
        return tensors.containsKey(key);
    }

    public int size() {
        return tensors.size();
    }

    /** Key and tensor pairs in checkpoint order. */
    public List<Map.Entry<String, TensorData>> entries() {
        List<Map.Entry<String, TensorData>> entries = new ArrayList<>(tensors.size());
        tensors.forEach((key, tensor) -> entries.add(Map.entry(key, tensor)));
        return Collections.unmodifiableList(entries);
    }

    /** An unmodifiable map view in checkpoint order. */
    public Map<String, TensorData> asMap() {
        return tensors;
    }

    /**
     * Entries of the checkpoint that are not model tensors and were left out, as they were named in
     * the file: the other entries of a training checkpoint ({@code epoch}, {@code optimizer}, ...)
     * and non-{@code model.} entries such as {@code loss.criterion.weight}.
     */
    public List<String> droppedKeys() {
        return droppedKeys;
    }

    @Override
    public String toString() {
        return "StateDict[" + source + ", " + tensors.size() + " tensors]";
    }
}
