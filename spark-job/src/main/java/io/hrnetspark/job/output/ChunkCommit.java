package io.hrnetspark.job.output;

import java.util.Map;

/**
 * What committing one chunk wrote.
 *
 * @param versions the version committed per table (-1 when the table needed no change)
 */
public record ChunkCommit(int chunk, long imagesAnnotated, long imagesFailed, long persons, long personsKept,
                          long errorRows, Map<String, Long> versions) {

    public ChunkCommit {
        versions = Map.copyOf(versions);
    }
}
