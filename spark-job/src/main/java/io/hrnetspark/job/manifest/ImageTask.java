package io.hrnetspark.job.manifest;

import io.hrnetspark.model.pose.PersonBox;
import java.io.Serializable;
import java.util.List;

/**
 * One unit of work: an image (by id and path relative to the images root) with its person boxes, a
 * box's position in {@code boxes} being its {@code person_index}; no boxes for the heads that take
 * whole images. Travels to the executors in Java serialization as a {@link Serialized} proxy, so the
 * model's {@link PersonBox} stays unaware of Spark.
 */
public record ImageTask(long imageId, String filePath, List<PersonBox> boxes) implements Serializable {

    public ImageTask {
        boxes = List.copyOf(boxes);
    }

    /** The cost of this item for balancing partitions: one crop per box, one image without boxes. */
    public int work() {
        return Math.max(1, boxes.size());
    }

    private Object writeReplace() {
        double[] values = new double[5 * boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            PersonBox box = boxes.get(i);
            values[5 * i] = box.x();
            values[5 * i + 1] = box.y();
            values[5 * i + 2] = box.width();
            values[5 * i + 3] = box.height();
            values[5 * i + 4] = box.score();
        }
        return new Serialized(imageId, filePath, values);
    }

    /** The serialized form: each box as x, y, width, height, score. */
    private record Serialized(long imageId, String filePath, double[] boxes) implements Serializable {

        private Object readResolve() {
            PersonBox[] decoded = new PersonBox[boxes.length / 5];
            for (int i = 0; i < decoded.length; i++) {
                decoded[i] = new PersonBox(boxes[5 * i], boxes[5 * i + 1], boxes[5 * i + 2], boxes[5 * i + 3],
                        boxes[5 * i + 4]);
            }
            return new ImageTask(imageId, filePath, List.of(decoded));
        }
    }
}
