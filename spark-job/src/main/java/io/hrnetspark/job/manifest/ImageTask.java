package io.hrnetspark.job.manifest;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of work: an image (by id and path relative to the images root) with its person boxes.
 */
public record ImageTask(long imageId, String filePath, List<TaskBox> boxes) implements Serializable {

    public ImageTask {
        boxes = List.copyOf(boxes);
    }

    /** The cost of this item for balancing partitions: one crop per box. */
    public int work() {
        return boxes.size();
    }
}
