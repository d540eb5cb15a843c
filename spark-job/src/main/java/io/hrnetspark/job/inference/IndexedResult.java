package io.hrnetspark.job.inference;

/**
 * A person of an image's result with its {@code person_index}: the position of its box (top-down) or
 * the order the grouping found it in (bottom-up), kept when others of the image are left out.
 */
public record IndexedResult<T>(int index, T value) {
}
