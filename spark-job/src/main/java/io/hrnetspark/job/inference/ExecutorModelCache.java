package io.hrnetspark.job.inference;

import io.hrnetspark.model.predict.BatchPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The predictors of this JVM: one per model key and device, built by the first task that needs it,
 * shared by every later task and run (a predictor serializes its forward passes itself and prepares
 * and decodes on any thread), and closed when the executor stops ({@link HrnetExecutorPlugin}).
 */
public final class ExecutorModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModelCache.class);

    private record Entry(ModelKey key, Device device) {
    }

    private static final Map<Entry, BatchPredictor<?, ?>> PREDICTORS = new ConcurrentHashMap<>();

    private ExecutorModelCache() {
    }

    /** The shared predictor for the key and device, built with {@code build} if this JVM has none yet. */
    public static BatchPredictor<?, ?> acquire(ModelKey key, Device device, Supplier<BatchPredictor<?, ?>> build) {
        return PREDICTORS.computeIfAbsent(new Entry(key, device), entry -> {
            long start = System.nanoTime();
            BatchPredictor<?, ?> predictor = build.get();
            LOG.info("Built the network for {} on {} in {} ms", key, device, (System.nanoTime() - start) / 1_000_000);
            return predictor;
        });
    }

    /** Closes and forgets every predictor of this JVM. */
    public static void closeAll() {
        List<Entry> entries = new ArrayList<>(PREDICTORS.keySet());
        for (Entry entry : entries) {
            BatchPredictor<?, ?> predictor = PREDICTORS.remove(entry);
            if (predictor != null) {
                try {
                    LOG.info("Closing the network for {} on {} ({})", entry.key(), entry.device(),
                            predictor.networkStats());
                    predictor.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing the network for {} on {} failed", entry.key(), entry.device(), e);
                }
            }
        }
    }
}
