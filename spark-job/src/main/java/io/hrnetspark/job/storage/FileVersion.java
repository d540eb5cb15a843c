package io.hrnetspark.job.storage;

import java.io.Serializable;

/** A file's size and modification time when it was read; a later different value means it changed. */
public record FileVersion(long size, long modifiedMillis) implements Serializable {
}
