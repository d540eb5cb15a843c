package io.hrnetspark.job.output;

/** Hears each table commit of a chunk, before and after it (progress, run records, fault injection in tests). */
public interface CommitListener {

    CommitListener NONE = new CommitListener() {
    };

    default void beforeCommit(int chunk, String table) {
    }

    /** @param version the table version committed, -1 when there was nothing to change */
    default void afterCommit(int chunk, String table, long version) {
    }
}
