package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.pose.PersonBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkBalancerTest {

    private static ImageTask task(long id, int boxes) {
        return new ImageTask(id, id + ".jpg",
                IntStream.range(0, boxes).mapToObj(i -> new PersonBox(0, 0, 1, 1, 1)).toList());
    }

    @Test
    void partitionsCarrySimilarWorkNotSimilarFileCounts() {
        Random random = new Random(3);
        List<ImageTask> tasks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // skewed: most images have one person, a few are crowds
            tasks.add(task(i, random.nextInt(10) == 0 ? 10 + random.nextInt(30) : 1 + random.nextInt(2)));
        }
        int partitions = 8;
        List<List<ImageTask>> bins = WorkBalancer.balance(tasks, partitions);
        long total = tasks.stream().mapToLong(ImageTask::work).sum();
        long max = bins.stream().mapToLong(b -> b.stream().mapToLong(ImageTask::work).sum()).max().orElseThrow();
        long min = bins.stream().mapToLong(b -> b.stream().mapToLong(ImageTask::work).sum()).min().orElseThrow();
        assertTrue(max - min <= 1, "loads differ by " + (max - min) + " crops");
        assertTrue(max <= Math.ceil(total / (double) partitions) + 1);
        List<ImageTask> all = bins.stream().flatMap(List::stream).sorted(Comparator.comparingLong(ImageTask::imageId))
                .toList();
        assertEquals(tasks, all, "every task in exactly one partition");
        for (List<ImageTask> bin : bins) {
            assertEquals(bin.stream().sorted(Comparator.comparingLong(ImageTask::imageId)).toList(), bin);
        }
        // file counts differ a lot when work is balanced
        assertTrue(bins.stream().mapToInt(List::size).max().orElseThrow()
                > bins.stream().mapToInt(List::size).min().orElseThrow());
    }

    @Test
    void oneHeavyImageGetsAPartitionOfItsOwn() {
        List<List<ImageTask>> bins = WorkBalancer.balance(List.of(task(1, 1), task(2, 50), task(3, 1), task(4, 1)), 2);
        assertEquals(List.of(task(2, 50)), bins.get(0));
        assertEquals(List.of(task(1, 1), task(3, 1), task(4, 1)), bins.get(1));
    }

    @Test
    void partitionCountFollowsWorkAndSlots() {
        assertEquals(8, WorkBalancer.partitionCount(100, 1000, 4, null));
        assertEquals(10, WorkBalancer.partitionCount(10 * WorkBalancer.CROPS_PER_PARTITION, 5000, 2, null));
        assertEquals(3, WorkBalancer.partitionCount(100, 3, 4, null));
        assertEquals(5, WorkBalancer.partitionCount(100, 1000, 4, 5));
        assertEquals(1, WorkBalancer.partitionCount(0, 0, 4, null));
    }
}
