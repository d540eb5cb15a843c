package io.hrnetspark.job.annotate;

import io.hrnetspark.job.output.ChunkCommit;
import io.hrnetspark.job.output.ChunkCommitter;
import io.hrnetspark.job.output.ImageScope;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.Path;

/**
 * Commits staged chunks on a driver thread of their own, one at a time and in order, while the next
 * chunk's inference runs: the cluster never waits for a commit, and a commit never waits for the
 * network.
 */
final class PipelinedCommits implements AutoCloseable {

    private final ChunkCommitter committer;
    private final HadoopStorage storage;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "hrnet-commit");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong imagesCommitted = new AtomicLong();
    private Future<ChunkCommit> pending;

    PipelinedCommits(ChunkCommitter committer, HadoopStorage storage) {
        this.committer = committer;
        this.storage = storage;
    }

    /**
     * Waits for the previous chunk's commit, then starts committing this one.
     *
     * @return the commit that finished meanwhile, if any
     */
    List<ChunkCommit> submit(int chunk, Path staged, ImageScope scope, int images) {
        List<ChunkCommit> finished = awaitAll();
        pending = thread.submit(() -> {
            ChunkCommit commit = committer.commit(chunk, staged, scope);
            imagesCommitted.addAndGet(images);
            try {
                storage.fileSystem(staged).delete(staged, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the committed chunk " + staged, e);
            }
            return commit;
        });
        return finished;
    }

    /** Waits for the commit in flight; a failed commit fails the run. */
    List<ChunkCommit> awaitAll() {
        if (pending == null) {
            return List.of();
        }
        List<ChunkCommit> finished = new ArrayList<>(1);
        try {
            finished.add(pending.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while committing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pending = null;
        }
        return finished;
    }

    long imagesCommitted() {
        return imagesCommitted.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
