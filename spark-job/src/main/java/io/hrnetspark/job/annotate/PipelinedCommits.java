package io.hrnetspark.job.annotate;

import io.hrnetspark.job.output.ChunkCommit;
import io.hrnetspark.job.output.ChunkCommitter;
import io.hrnetspark.job.output.ImageScope;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;

/**
 * Commits staged chunks on a driver thread of their own, one at a time and in order, while the next
 * chunk's inference runs: the cluster never waits for a commit, and a commit never waits for the
 * network. The thread's Spark jobs run in the fair-scheduler pool {@value #POOL}, so that their small
 * tasks take the next free task slot instead of queueing behind every inference task of the next chunk.
 */
final class PipelinedCommits implements AutoCloseable {

    /** The fair-scheduler pool of commit jobs ({@code fairscheduler.xml}). */
    static final String POOL = "hrnet-commit";
    private static final String POOL_PROPERTY = "spark.scheduler.pool";

    private final SparkContext spark;
    private final ChunkCommitter committer;
    private final HadoopStorage storage;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "hrnet-commit");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong imagesCommitted = new AtomicLong();
    private final List<Future<?>> work = new ArrayList<>();
    private Future<ChunkCommit> pending;

    PipelinedCommits(SparkContext spark, ChunkCommitter committer, HadoopStorage storage) {
        this.spark = spark;
        this.committer = committer;
        this.storage = storage;
    }

    /** Runs {@code step} on the commit thread, before every chunk submitted later; {@link #awaitAll()} reports its failure. */
    Future<?> run(Runnable step) {
        Future<?> future = thread.submit(inPool(() -> {
            step.run();
            return null;
        }));
        work.add(future);
        return future;
    }

    /**
     * Waits for the previous chunk's commit, then starts committing this one.
     *
     * @return the commit that finished meanwhile, if any
     */
    List<ChunkCommit> submit(int chunk, Path staged, ImageScope scope, int images) {
        List<ChunkCommit> finished = awaitAll();
        pending = thread.submit(inPool(() -> {
            ChunkCommit commit = committer.commit(chunk, staged, scope);
            imagesCommitted.addAndGet(images);
            try {
                storage.fileSystem(staged).delete(staged, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the committed chunk " + staged, e);
            }
            return commit;
        }));
        return finished;
    }

    /** Waits for the work in flight; a failed commit fails the run. */
    List<ChunkCommit> awaitAll() {
        for (Future<?> step : work) {
            await(step);
        }
        work.clear();
        if (pending == null) {
            return List.of();
        }
        try {
            return List.of(await(pending));
        } finally {
            pending = null;
        }
    }

    long imagesCommitted() {
        return imagesCommitted.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while committing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private <T> Callable<T> inPool(Callable<T> work) {
        return () -> {
            spark.setLocalProperty(POOL_PROPERTY, POOL);
            return work.call();
        };
    }
}
