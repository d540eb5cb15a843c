package io.hrnetspark.model.pose.bottomup;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One float32 map per joint (heatmaps), row-major {@code [joint][y][x]}, as the grouping reads them.
 * The array is shared, not copied: do not change it while the maps are in use.
 */
public record JointMaps(int joints, int height, int width, float[] values) {

    public JointMaps {
        if (joints < 1 || height < 1 || width < 1 || values.length != (long) joints * height * width) {
            throw new IllegalArgumentException("Expected " + joints + "x" + height + "x" + width + " values, got "
                    + values.length);
        }
    }

    /** The maps of a {@code [1, J, H, W]} (or {@code [J, H, W]}) array, as float32. */
    public static JointMaps of(INDArray maps) {
        long[] shape = maps.shape();
        int offset = shape.length - 3;
        if (offset < 0 || offset > 1 || offset == 1 && shape[0] != 1) {
            throw new IllegalArgumentException("Expected [1, J, H, W] maps, got " + Arrays.toString(shape));
        }
        return new JointMaps((int) shape[offset], (int) shape[offset + 1], (int) shape[offset + 2],
                maps.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    public float get(int joint, int y, int x) {
        return values[(joint * height + y) * width + x];
    }
}
