package io.hrnetspark.job.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.testing.TestSpark;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProgressReporterTest {

    /** Released by the test once the reporter has seen the running task's counts. */
    private static final CountDownLatch SEEN = new CountDownLatch(1);

    @Test
    void lineShowsImagesRatesAndEta() {
        ProgressReporter.Snapshot snapshot = new ProgressReporter.Snapshot(250, 700, 200, 1000, 50);
        assertEquals(5.0, snapshot.imagesPerSecond());
        assertEquals(150.0, snapshot.etaSeconds());
        assertEquals("annotate: 250/1000 images (25.0%), 200 committed, 5.00 images/s, 14.00 crops/s, ETA 2m30s",
                snapshot.line("annotate"));
        assertEquals("annotate: 0/10 images (0.0%), 0 committed, 0.00 images/s, 0.00 crops/s, ETA unknown",
                new ProgressReporter.Snapshot(0, 0, 0, 10, 3).line("annotate"));
        assertEquals("x: 1/100000 images (0.0%), 0 committed, 0.10 images/s, 0.10 crops/s, ETA 277h46m30s",
                new ProgressReporter.Snapshot(1, 1, 0, 100000, 10).line("x"));
    }

    @Test
    @Timeout(120)
    void countsOfRunningTasksArriveWithHeartbeats() throws Exception {
        SparkSession spark = SparkSession.builder()
                .config(TestSpark.conf("local[1]").set("spark.executor.heartbeatInterval", "300ms"))
                .getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            LongAccumulator images = jsc.sc().longAccumulator("images");
            LongAccumulator crops = jsc.sc().longAccumulator("crops");
            try (ProgressReporter reporter = new ProgressReporter(jsc.sc(), images, crops, 10, () -> 0, "test")
                    .start(Duration.ofMillis(200))) {
                Thread job = new Thread(() -> jsc.parallelize(List.of(1), 1).foreach(x -> {
                    images.add(3);
                    crops.add(7);
                    if (!SEEN.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the reporter never saw the running task");
                    }
                }));
                job.start();
                ProgressReporter.Snapshot snapshot = reporter.snapshot();
                while (snapshot.images() == 0) {
                    Thread.sleep(100);
                    snapshot = reporter.snapshot();
                }
                assertEquals(0, images.value(), "the task has not finished: the count came from a heartbeat");
                assertEquals(3, snapshot.images());
                assertEquals(7, snapshot.crops());
                SEEN.countDown();
                job.join();
                assertEquals(3, reporter.snapshot().images());
                assertTrue(reporter.snapshot().seconds() > 0);
            }
        } finally {
            spark.stop();
        }
    }
}
