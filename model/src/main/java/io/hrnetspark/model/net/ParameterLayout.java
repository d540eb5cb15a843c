package io.hrnetspark.model.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered {@code state_dict} layout of a network (every key with its shape, in the order the
 * official PyTorch module registers them, {@code num_batches_tracked} included), traced from the
 * network description without building a graph.
 */
public final class ParameterLayout {

    private final List<ParameterEntry> entries;
    private final Map<String, ParameterEntry> byKey;

    ParameterLayout(List<ParameterEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, ParameterEntry> map = new LinkedHashMap<>();
        for (ParameterEntry entry : entries) {
            if (map.put(entry.key(), entry) != null) {
                throw new IllegalStateException("Duplicate state_dict key " + entry.key());
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
    }

    /** The layout of {@code network}. */
    public static ParameterLayout of(NetworkDefinition network) {
        return ShapeTracer.trace(network).layout();
    }

    public List<ParameterEntry> entries() {
        return entries;
    }

    /** Entries by key, in layout order. */
    public Map<String, ParameterEntry> byKey() {
        return byKey;
    }

    /** Trainable parameters (what {@code sum(p.numel() for p in model.parameters())} counts). */
    public long trainableParameters() {
        return count(ParameterEntry.Kind.PARAMETER);
    }

    /** Elements of all float entries: parameters and running statistics. */
    public long stateDictElements() {
        return count(ParameterEntry.Kind.PARAMETER) + count(ParameterEntry.Kind.RUNNING_STATISTIC);
    }

    /** Number of {@code num_batches_tracked} entries (one per BatchNorm layer). */
    public long batchNormLayers() {
        return entries.stream().filter(e -> e.kind() == ParameterEntry.Kind.BATCH_COUNTER).count();
    }

    private long count(ParameterEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).mapToLong(ParameterEntry::elements).sum();
    }
}
