package io.hrnetspark.job.table;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Delta commit again when a concurrent writer committed first: the action re-reads the new
 * snapshot each time, so a retry costs a merge, never the inference that produced its rows.
 */
final class CommitConflicts {

    private static final Logger LOG = LoggerFactory.getLogger(CommitConflicts.class);
    static final int ATTEMPTS = 20;

    private CommitConflicts() {
    }

    static <T> T retry(String what, Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (!isConflict(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                long backoff = Math.min(5_000, 100L << Math.min(attempt, 6)) + (long) (Math.random() * 100);
                LOG.info("{} conflicted with a concurrent commit ({}); retrying on the new snapshot in {} ms",
                        what, e.getClass().getSimpleName(), backoff);
                sleep(backoff);
            }
        }
    }

    /** Another process is creating the same table: its log folder exists, its first commit not yet. */
    static final class ConcurrentCreation extends RuntimeException {
        ConcurrentCreation(String location, Throwable cause) {
            super("Table " + location + " is being created by another run", cause);
        }
    }

    /**
     * {@code failure} of a create-if-not-exists, as a {@link ConcurrentCreation} (retried) when Delta saw the
     * table's log folder but no commit in it yet, as happens while another run creates the table; else itself.
     */
    static RuntimeException concurrentCreation(Exception failure, String location) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("[DELTA_TABLE_NOT_FOUND]")) {
                return new ConcurrentCreation(location, failure);
            }
        }
        return failure instanceof RuntimeException runtime ? runtime : CommitConflicts.<RuntimeException>rethrow(failure);
    }

    /** Throws a checked exception Scala code threw, unchanged. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException rethrow(Exception e) throws E {
        throw (E) e;
    }

    /** A concurrent commit won (Delta's conflict checks), or created the same table version file first. */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeltaConcurrentModificationException || t instanceof FileAlreadyExistsException
                    || t instanceof java.nio.file.FileAlreadyExistsException || t instanceof ConcurrentCreation) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a commit", e);
        }
    }
}
