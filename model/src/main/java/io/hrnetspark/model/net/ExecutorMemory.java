package io.hrnetspark.model.net;

/**
 * The memory an executor holds for feature maps, and how often it planned for a new input shape.
 *
 * @param bufferBytes bytes of the feature-map buffers (all bound shapes together)
 * @param boundShapes input shapes (batch size included) whose plans are kept
 * @param binds       plans bound since the network was built (a shape bound again after eviction counts again)
 */
public record ExecutorMemory(long bufferBytes, int boundShapes, long binds) {

    /** What an executor that does not plan its buffers (SameDiff) reports. */
    public static final ExecutorMemory UNPLANNED = new ExecutorMemory(0, 0, 0);
}
