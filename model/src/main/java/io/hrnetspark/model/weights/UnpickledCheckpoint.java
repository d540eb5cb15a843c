package io.hrnetspark.model.weights;

import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * What a checkpoint format reader yields: the unpickled object and, for each storage its tensors
 * name, the storage's bytes (exactly {@code numel} elements, in the file's byte order).
 */
record UnpickledCheckpoint(Object root, Function<Pickled.StorageRef, ByteBuffer> storageBytes) {
}
