package io.hrnetspark.model.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.net.ExecutorMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The thread contract of the shared network: one batch at a time whoever calls, outputs split per sample. */
class SharedNetworkTest {

    /** A "network" whose output is the input's per-sample sums as [N, 1, 1, 1], noting overlapping calls. */
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();

    private List<INDArray> sums(INDArray input) {
        if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            Thread.sleep(2);
            return List.of(input.sum(1, 2, 3).reshape(input.size(0), 1, 1, 1).dup('c'));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            inside.decrementAndGet();
        }
    }

    @Test
    void manyThreadsForwardButTheNetworkRunsOneBatchAtATime() throws Exception {
        SharedNetwork network = new SharedNetwork(this::sums, () -> ExecutorMemory.UNPLANNED, () -> { });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            results.add(threads.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    List<NetworkSample> batch = List.of(sample(thread), sample(i), sample(thread + i));
                    List<SampleOutput> outputs = network.forward(batch);
                    for (int s = 0; s < batch.size(); s++) {
                        float expected = 6 * batch.get(s).chw()[0];
                        if (outputs.get(s).map(0).getFloat(0) != expected
                                || !Arrays.equals(new long[] {1, 1, 1, 1}, outputs.get(s).map(0).shape())) {
                            return false;
                        }
                    }
                }
                return true;
            }));
        }
        for (Future<Boolean> result : results) {
            assertTrue(result.get(), "every sample got its own output");
        }
        threads.shutdown();
        assertEquals(0, overlaps.get(), "no two batches ran on the network at once");
        NetworkStats times = network.stats();
        assertEquals(100, times.batches());
        assertEquals(300, times.samples());
        assertTrue(times.runningNanos() > 0);
    }

    @Test
    void closeWaitsForTheRunningBatchAndLaterForwardsFail() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger closedWhileRunning = new AtomicInteger();
        AtomicInteger batchDone = new AtomicInteger();
        SharedNetwork network = new SharedNetwork(input -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            batchDone.set(1);
            return sums(input);
        }, () -> ExecutorMemory.UNPLANNED, () -> closedWhileRunning.set(1 - batchDone.get()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<List<SampleOutput>> forward = threads.submit(() -> network.forward(List.of(sample(1))));
        running.await();
        Future<?> close = threads.submit(network::close);
        Thread.sleep(50);
        assertFalse(close.isDone(), "close waits for the batch");
        release.countDown();
        close.get(5, TimeUnit.SECONDS);
        assertEquals(1, forward.get().size());
        assertEquals(0, closedWhileRunning.get());
        assertThrows(IllegalStateException.class, () -> network.forward(List.of(sample(1))));
        threads.shutdown();
    }

    @Test
    void aBatchTakesOneShape() {
        SharedNetwork network = new SharedNetwork(this::sums, () -> ExecutorMemory.UNPLANNED, () -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network.forward(List.of(sample(1), new NetworkSample(3, 2, new float[18]))));
        assertEquals("Sample 1 is 3x2 but sample 0 is 2x1: a batch takes samples of one shape", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> network.forward(List.of()));
    }

    private static NetworkSample sample(float value) {
        float[] chw = new float[6];
        Arrays.fill(chw, value);
        return new NetworkSample(2, 1, chw);
    }
}
