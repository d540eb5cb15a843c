package io.hrnetspark.model.net;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bound plans of an executor by input shape, least recently used first out beyond a number of
 * entries (the entries' buffers are bounded apart, e.g. by a {@link BufferArena}). Thread-confined,
 * like its executor.
 *
 * @param <V> what is bound per shape
 */
final class ShapeCache<V> {

    private final int maxEntries;
    private final Consumer<V> onEvict;
    private final Map<List<Long>, V> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** @param onEvict releases an entry dropped from the cache */
    ShapeCache(int maxEntries, Consumer<V> onEvict) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("A shape cache holds at least one entry");
        }
        this.maxEntries = maxEntries;
        this.onEvict = onEvict;
    }

    /** The entry of {@code shape}, or {@code null}. */
    V get(long[] shape) {
        return entries.get(key(shape));
    }

    /** Adds the entry of {@code shape}, dropping the least recently used beyond the limit. */
    void put(long[] shape, V value) {
        V previous = entries.put(key(shape), value);
        if (previous != null && previous != value) {
            onEvict.accept(previous);
        }
        Iterator<V> eldestFirst = entries.values().iterator();
        for (int excess = entries.size() - maxEntries; excess > 0; excess--) {
            onEvict.accept(eldestFirst.next());
            eldestFirst.remove();
        }
    }

    /** Drops every entry. */
    void clear() {
        entries.values().forEach(onEvict);
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private static List<Long> key(long[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }
}
