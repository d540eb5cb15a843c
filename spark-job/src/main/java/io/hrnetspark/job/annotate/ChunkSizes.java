package io.hrnetspark.job.annotate;

/**
 * How many images each committed chunk takes: a fixed number ({@code --commit-every}), or chunks of
 * about {@link #TARGET_SECONDS} of work at the speed measured so far, starting small so that the first
 * commit comes soon. Also how many tasks a chunk runs in: tasks of about {@link #TASK_SECONDS}, because
 * the previous chunk's commit, running meanwhile, gets a task slot for each of its jobs only when an
 * inference task ends.
 */
final class ChunkSizes {

    static final double TARGET_SECONDS = 180;
    static final double TASK_SECONDS = 15;
    static final int MAX_IMAGES = 100_000;

    private final Integer fixed;
    private final int parallelism;
    private final int first;
    private long images;
    private double seconds;

    /** @param fixed images per chunk, or null to size chunks from the measured speed */
    ChunkSizes(Integer fixed, int parallelism) {
        this.fixed = fixed;
        this.parallelism = parallelism;
        this.first = Math.max(32, 16 * parallelism);
    }

    /** Records a finished chunk's images and inference seconds. */
    void measured(long chunkImages, double chunkSeconds) {
        images += chunkImages;
        seconds += chunkSeconds;
    }

    /**
     * @param remaining the images still to do
     * @return the next chunk's images: a sized chunk takes all the rest when they would make it at most half as
     *         long again, since a small last chunk costs a commit and a task tail of its own
     */
    int next(long remaining) {
        if (fixed != null) {
            return fixed;
        }
        int size = images == 0 || seconds <= 0 ? first
                : (int) Math.max(first, Math.min(MAX_IMAGES, images / seconds * TARGET_SECONDS));
        return remaining <= size * 3L / 2 ? (int) remaining : size;
    }

    /**
     * The partitions for a chunk of {@code chunkImages}: tasks of about {@link #TASK_SECONDS} at the speed
     * measured so far, at least two per task slot; null before the first measurement.
     */
    Integer partitions(int chunkImages) {
        if (images == 0 || seconds <= 0) {
            return null;
        }
        double imagesPerTask = Math.max(1, images / seconds / parallelism * TASK_SECONDS);
        return (int) Math.max(2L * parallelism, (long) Math.ceil(chunkImages / imagesPerTask));
    }
}
