package io.hrnetspark.model.weights;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the network's tensors in an unpickled checkpoint, whatever layout the official code saved:
 * a plain state dict; a training checkpoint {@code {'state_dict': ..., 'epoch': ..., ...}}; keys
 * prefixed {@code module.} by {@code DataParallel}; and the segmentation training layout, where
 * the network's keys carry {@code model.} and the loss has its own entries.
 */
final class StateDictLayout {

    private static final Logger LOG = LoggerFactory.getLogger(StateDictLayout.class);
    private static final String WRAPPER_KEY = "state_dict";
    private static final String DATA_PARALLEL_PREFIX = "module.";
    private static final String FULL_MODEL_PREFIX = "model.";

    private StateDictLayout() {
    }

    static StateDict stateDict(CheckpointFile file, UnpickledCheckpoint content) {
        if (!(content.root() instanceof Map<?, ?> root)) {
            throw file.refused("holds a " + Pickled.typeName(content.root()) + " instead of a state dict; save the "
                    + "weights with torch.save(model.state_dict(), path).");
        }
        List<String> dropped = new ArrayList<>();
        Map<?, ?> entries = root;
        if (root.get(WRAPPER_KEY) instanceof Map<?, ?> wrapped) {
            root.keySet().stream().filter(key -> !WRAPPER_KEY.equals(key)).map(String::valueOf).forEach(dropped::add);
            entries = wrapped;
        }
        Map<String, Pickled.Tensor> tensors = tensors(file, entries);
        tensors = stripFromAll(tensors, DATA_PARALLEL_PREFIX);
        if (tensors.keySet().stream().anyMatch(key -> key.startsWith(FULL_MODEL_PREFIX))) {
            Map<String, Pickled.Tensor> model = new LinkedHashMap<>();
            for (Map.Entry<String, Pickled.Tensor> entry : tensors.entrySet()) {
                if (entry.getKey().startsWith(FULL_MODEL_PREFIX)) {
                    model.put(entry.getKey().substring(FULL_MODEL_PREFIX.length()), entry.getValue());
                } else {
                    dropped.add(entry.getKey());
                }
            }
            tensors = model;
        }
        if (tensors.isEmpty()) {
            throw file.refused("holds no tensors; pass a checkpoint saved with torch.save(model.state_dict(), path).");
        }
        if (!dropped.isEmpty()) {
            LOG.info("Checkpoint {}: left out {} entries that are not model tensors: {}", file.name(),
                    dropped.size(), dropped);
        }
        return new StateDict(file.name(), tensorData(content, tensors), dropped);
    }

    private static Map<String, Pickled.Tensor> tensors(CheckpointFile file, Map<?, ?> entries) {
        Map<String, Pickled.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw file.refused("has a state dict key of type " + Pickled.typeName(entry.getKey())
                        + " instead of str; save the weights with torch.save(model.state_dict(), path).");
            }
            if (!(entry.getValue() instanceof Pickled.Tensor tensor)) {
                String type = Pickled.typeName(entry.getValue());
                throw file.refused("has an entry '" + Pickled.shown(key) + "' that is a " + type
                        + ", not a tensor; save the weights with torch.save(model.state_dict(), path).");
            }
            tensors.put(key, tensor);
        }
        return tensors;
    }

    private static Map<String, Pickled.Tensor> stripFromAll(Map<String, Pickled.Tensor> tensors, String prefix) {
        if (tensors.isEmpty() || !tensors.keySet().stream().allMatch(key -> key.startsWith(prefix))) {
            return tensors;
        }
        Map<String, Pickled.Tensor> stripped = new LinkedHashMap<>();
        tensors.forEach((key, tensor) -> stripped.put(key.substring(prefix.length()), tensor));
        return stripped;
    }

    private static Map<String, TensorData> tensorData(UnpickledCheckpoint content,
                                                      Map<String, Pickled.Tensor> tensors) {
        Map<Pickled.StorageRef, ByteBuffer> storages = new HashMap<>();
        Map<String, TensorData> result = new LinkedHashMap<>();
        tensors.forEach((key, tensor) -> {
            ByteBuffer bytes = storages.computeIfAbsent(tensor.storage(), content.storageBytes());
            result.put(key, new TensorData(tensor.storage().dtype().dtypeName(), tensor.shape(), tensor.stride(),
                    tensor.storageOffset(), bytes));
        });
        return result;
    }
}
