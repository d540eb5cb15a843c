package io.hrnetspark.job.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
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
 * network samples/s (crops, or whole images and windows) and ETA.
 * Counts come from two accumulators: while the run goes on, as the listener sees them (running tasks through
 * executor heartbeats, so a long partition shows progress before it ends; finished tasks through their end
 * events, in the same order, so that no task counts twice); the last line reads the accumulators themselves.
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
    private final Set<Long> ended = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray finished = new AtomicLongArray(2);
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
                if (ended.contains(taskId)) { // a heartbeat sent before the task ended, delivered after
                    continue;
                }
                Iterator<AccumulableInfo> infos = task._4().iterator();
                while (infos.hasNext()) {
                    AccumulableInfo info = infos.next();
                    int slot = slot(info);
                    if (slot >= 0) {
                        running.computeIfAbsent(taskId, id -> new long[2])[slot] = (Long) info.update().get();
                    }
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            long taskId = taskEnd.taskInfo().taskId();
            ended.add(taskId);
            running.remove(taskId);
            if (taskEnd.reason() instanceof Success$) {
                Iterator<AccumulableInfo> infos = taskEnd.taskInfo().accumulables().iterator();
                while (infos.hasNext()) {
                    AccumulableInfo info = infos.next();
                    int slot = slot(info);
                    if (slot >= 0) {
                        finished.addAndGet(slot, (Long) info.update().get());
                    }
                }
            }
        }

        /** 0 for an update of the images accumulator, 1 for crops, else -1. */
        private int slot(AccumulableInfo info) {
            if (info.update().isEmpty() || !(info.update().get() instanceof Long)) {
                return -1;
            }
            return info.id() == images.id() ? 0 : info.id() == crops.id() ? 1 : -1;
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
                    "%s: %d/%d images (%.1f%%), %d committed, %.2f images/s, %.2f samples/s, ETA %s", label, images,
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
        long doneImages = finished.get(0);
        long doneCrops = finished.get(1);
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
        LOG.info(new Snapshot(Math.min(images.value(), totalImages), crops.value(), committedImages.getAsLong(),
                totalImages, (System.nanoTime() - startNanos) / 1e9).line(label));
    }
}
