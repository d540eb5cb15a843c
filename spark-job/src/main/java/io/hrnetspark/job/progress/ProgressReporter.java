package io.hrnetspark.job.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * Logs a progress line every few seconds while a run goes on: images done and committed, images/s,
 * crops/s and ETA.
 * Counts come from two accumulators; finished tasks report through the accumulators themselves and
 * running tasks through executor heartbeats, so a long partition shows progress before it ends.
 */
public final class ProgressReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final SparkContext context;
    private final LongAccumulator images;
    private final LongAccumulator crops;
    private final long totalImages;
    private final LongSupplier committedImages;
    private final String label;
    private final long startNanos = System.nanoTime();
    private final Map<Long, long[]> running = new ConcurrentHashMap<>();
    private final Listener listener = new Listener();
    private final ScheduledExecutorService timer;

    /** Counts of a running task seen in heartbeats: [images, crops]. */
    private final class Listener extends SparkListener {
        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
            Iterator<Tuple4<Object, Object, Object, Seq<AccumulableInfo>>> tasks = update.accumUpdates().iterator();
            while (tasks.hasNext()) {
                Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task = tasks.next();
                long taskId = (Long) task._1();
                Iterator<AccumulableInfo> infos = task._4().iterator();
                while (infos.hasNext()) {
                    AccumulableInfo info = infos.next();
                    int slot = info.id() == images.id() ? 0 : info.id() == crops.id() ? 1 : -1;
                    if (slot >= 0 && info.update().isDefined() && info.update().get() instanceof Long value) {
                        running.computeIfAbsent(taskId, id -> new long[2])[slot] = value;
                    }
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            running.remove(taskEnd.taskInfo().taskId());
        }
    }

    /** A snapshot of progress. */
    public record Snapshot(long images, long crops, long committed, long totalImages, double seconds) {

        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : 0;
        }

        public double cropsPerSecond() {
            return seconds > 0 ? crops / seconds : 0;
        }

        /** Seconds left at the current rate, or -1 before the first image. */
        public double etaSeconds() {
            double rate = imagesPerSecond();
            return rate > 0 ? Math.max(0, totalImages - images) / rate : -1;
        }

        public String line(String label) {
            double percent = totalImages > 0 ? 100.0 * images / totalImages : 100.0;
            return String.format(Locale.ROOT,
                    "%s: %d/%d images (%.1f%%), %d committed, %.2f images/s, %.2f crops/s, ETA %s", label, images,
                    totalImages, percent, committed, imagesPerSecond(), cropsPerSecond(), eta(etaSeconds()));
        }

        private static String eta(double seconds) {
            if (seconds < 0) {
                return "unknown";
            }
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
        }
    }

    /** @param committedImages images whose rows are committed to the output tables */
    public ProgressReporter(SparkContext context, LongAccumulator images, LongAccumulator crops, long totalImages,
                            LongSupplier committedImages, String label) {
        this.context = context;
        this.images = images;
        this.crops = crops;
        this.totalImages = totalImages;
        this.committedImages = committedImages;
        this.label = label;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hrnet-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts logging every {@code interval}. */
    public ProgressReporter start(Duration interval) {
        context.addSparkListener(listener);
        timer.scheduleAtFixedRate(() -> LOG.info(snapshot().line(label)), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    public Snapshot snapshot() {
        long doneImages = images.value();
        long doneCrops = crops.value();
        for (long[] task : running.values()) {
            doneImages += task[0];
            doneCrops += task[1];
        }
        return new Snapshot(Math.min(doneImages, totalImages), doneCrops, committedImages.getAsLong(), totalImages,
                (System.nanoTime() - startNanos) / 1e9);
    }

    /** Stops logging and logs the final line. */
    @Override
    public void close() {
        timer.shutdownNow();
        context.removeSparkListener(listener);
        running.clear();
        LOG.info(snapshot().line(label));
    }
}
