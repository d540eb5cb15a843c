package io.hrnetspark.model.pose.bottomup;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The associative-embedding tags: per joint (or one map shared by all joints, {@code TAG_PER_JOINT}
 * false) and pixel a vector of {@code dim} float32 values (one per tag map used: scales, flip),
 * row-major {@code [joint][y][x][d]} as the official code stacks them.
 */
public record TagMaps(int joints, int height, int width, int dim, float[] values) {

    public TagMaps {
        if (joints < 1 || height < 1 || width < 1 || dim < 1
                || values.length != (long) joints * height * width * dim) {
            throw new IllegalArgumentException("Expected " + joints + "x" + height + "x" + width + "x" + dim
                    + " values, got " + values.length);
        }
    }

    /** The tags of a {@code [1, J, H, W, D]} array, as float32. */
    public static TagMaps of(INDArray tags) {
        long[] shape = tags.shape();
        if (shape.length != 5 || shape[0] != 1) {
            throw new IllegalArgumentException("Expected [1, J, H, W, D] tags, got " + Arrays.toString(shape));
        }
        return new TagMaps((int) shape[1], (int) shape[2], (int) shape[3], (int) shape[4],
                tags.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    /** Tag value {@code d} of {@code joint} at (y, x); with a single shared map every joint reads it. */
    public float get(int joint, int y, int x, int d) {
        int map = joints == 1 ? 0 : joint;
        return values[((map * height + y) * width + x) * dim + d];
    }

    /** The tag vector of {@code joint} at (y, x). */
    float[] vector(int joint, int y, int x) {
        float[] tag = new float[dim];
        for (int d = 0; d < dim; d++) {
            tag[d] = get(joint, y, x, d);
        }
        return tag;
    }
}
