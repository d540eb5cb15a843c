package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ChunkSizesTest {

    @Test
    void theFirstChunkIsSmallAndTheNextOnesLastAboutThreeMinutes() {
        ChunkSizes sizes = new ChunkSizes(null, 2);
        assertEquals(32, sizes.next(10_000));
        sizes.measured(32, 16);
        assertEquals(360, sizes.next(10_000));
    }

    @Test
    void aSizedChunkTakesTheRestRatherThanLeaveASmallLastOne() {
        ChunkSizes sizes = new ChunkSizes(null, 2);
        assertEquals(48, sizes.next(48));
        assertEquals(32, sizes.next(49));
        sizes.measured(32, 16);
        assertEquals(540, sizes.next(540), "instead of 360 and 180");
        assertEquals(360, sizes.next(541));
        assertEquals(5, sizes.next(5));
    }

    @Test
    void commitEveryFixesTheChunkSize() {
        ChunkSizes sizes = new ChunkSizes(7, 2);
        assertEquals(7, sizes.next(9));
        sizes.measured(7, 1);
        assertEquals(7, sizes.next(9));
    }

    @Test
    void tasksLastAboutFifteenSecondsAtTheMeasuredSpeed() {
        ChunkSizes sizes = new ChunkSizes(null, 2);
        assertNull(sizes.partitions(32));
        sizes.measured(32, 16); // 2 images/s on 2 slots: 15 images per task
        assertEquals(24, sizes.partitions(360));
        assertEquals(4, sizes.partitions(20)); // never fewer than two per slot
        sizes.measured(100_000, 1); // a fast cluster: few, large tasks
        assertEquals(4, sizes.partitions(360));
    }
}
