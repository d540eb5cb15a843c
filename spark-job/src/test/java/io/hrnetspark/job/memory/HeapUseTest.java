package io.hrnetspark.job.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapUseTest {

    @Test
    void liveHeapAfterACollectionCountsWhatIsStillReachable() throws InterruptedException {
        try (HeapUse heap = new HeapUse()) {
            long[] kept = new long[8 << 20]; // 64 MB
            kept[kept.length - 1] = 1;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (heap.liveAfterGcPeakBytes() < 64L << 20 && System.nanoTime() < deadline) {
                System.gc(); // notifications arrive on another thread, shortly after each collection
                Thread.sleep(50);
            }
            assertTrue(heap.liveAfterGcPeakBytes() >= 64L << 20, "live after GC: " + heap.liveAfterGcPeakBytes());
            assertTrue(heap.poolPeaksSumBytes() >= heap.liveAfterGcPeakBytes() - (1L << 20));
            assertTrue(kept[kept.length - 1] == 1);
        }
    }
}
