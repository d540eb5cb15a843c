package io.hrnetspark.job.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks of this JVM: one per model key and device, built by the first task that needs it,
 * reused by every later task and run, and closed when the executor stops
 * ({@link HrnetExecutorPlugin}).
 */
public final class ExecutorModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModelCache.class);

    private record Entry(ModelKey key, Device device) {
    }

    private static final Map<Entry, PoseBatchModel<?, ?>> MODELS = new ConcurrentHashMap<>();

    private ExecutorModelCache() {
    }

    /** The shared network for the key and device, built with {@code build} if this JVM has none yet. */
    public static PoseBatchModel<?, ?> acquire(ModelKey key, Device device, Supplier<PoseBatchModel<?, ?>> build) {
        return MODELS.computeIfAbsent(new Entry(key, device), entry -> {
            long start = System.nanoTime();
            PoseBatchModel<?, ?> model = locked(build.get());
            LOG.info("Built the pose network for {} on {} in {} ms", key, device,
                    (System.nanoTime() - start) / 1_000_000);
            return model;
        });
    }

    /** Closes and forgets every network of this JVM. */
    public static void closeAll() {
        List<Entry> entries = new ArrayList<>(MODELS.keySet());
        for (Entry entry : entries) {
            PoseBatchModel<?, ?> model = MODELS.remove(entry);
            if (model != null) {
                try {
                    model.close();
                    LOG.info("Closed the pose network for {} on {}", entry.key(), entry.device());
                } catch (RuntimeException e) {
                    LOG.warn("Closing the pose network for {} on {} failed", entry.key(), entry.device(), e);
                }
            }
        }
    }

    private static <I extends DecodedImage, C> PoseBatchModel<I, C> locked(PoseBatchModel<I, C> model) {
        return new LockedPoseModel<>(model);
    }
}
