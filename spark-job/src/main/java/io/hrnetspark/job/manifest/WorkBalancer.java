package io.hrnetspark.job.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Splits work items into partitions of similar work (crops), not similar file counts: largest items
 * first, each to the least loaded partition (LPT scheduling: the largest partition carries at most
 * 4/3 of the optimum). Within a partition, items keep image-id order.
 */
public final class WorkBalancer {

    /** Work (crops) a partition should carry when the partition count is not given. */
    static final int CROPS_PER_PARTITION = 1024;

    private WorkBalancer() {
    }

    /**
     * The partition count for a run: the requested one, else enough partitions to keep every task slot
     * busy twice over and none heavier than {@value #CROPS_PER_PARTITION} crops; never more than items.
     */
    public static int partitionCount(long totalWork, int items, int parallelism, Integer requested) {
        long count = requested != null ? requested
                : Math.max(2L * parallelism, (totalWork + CROPS_PER_PARTITION - 1) / CROPS_PER_PARTITION);
        return (int) Math.max(1, Math.min(count, Math.max(items, 1)));
    }

    public static List<List<ImageTask>> balance(List<ImageTask> tasks, int partitions) {
        List<List<ImageTask>> bins = new ArrayList<>(partitions);
        long[] load = new long[partitions];
        for (int i = 0; i < partitions; i++) {
            bins.add(new ArrayList<>());
        }
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(bin -> load[bin]).thenComparingInt(bin -> bin));
        for (int i = 0; i < partitions; i++) {
            lightest.add(i);
        }
        List<ImageTask> largestFirst = new ArrayList<>(tasks);
        largestFirst.sort(Comparator.comparingInt(ImageTask::work).reversed()
                .thenComparingLong(ImageTask::imageId));
        for (ImageTask task : largestFirst) {
            int bin = lightest.poll();
            bins.get(bin).add(task);
            load[bin] += task.work();
            lightest.add(bin);
        }
        for (List<ImageTask> bin : bins) {
            bin.sort(Comparator.comparingLong(ImageTask::imageId));
        }
        return bins;
    }
}
