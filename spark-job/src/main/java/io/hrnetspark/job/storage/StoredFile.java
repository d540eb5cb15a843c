package io.hrnetspark.job.storage;

/**
 * A file's bytes as read, with the size and modification time it had: together they tell whether the
 * file changed since.
 */
public record StoredFile(byte[] bytes, FileVersion version) {
}
