package io.hrnetspark.model.pose.bottomup;

import java.util.List;

/**
 * The official sub-pixel refinement of a peak at integer pixel (x, y): +0.25 towards the higher of
 * the two neighbours along each axis (-0.25 when the other one is higher or they are equal; the
 * border pixel stands in for a missing neighbour), and the +0.5 that moves pixel indices to pixel
 * centres. {@link #adjust} is {@code HeatmapParser.adjust}.
 */
final class SubpixelStep {

    private static final float QUARTER = 0.25f;

    private SubpixelStep() {
    }

    /** Every present joint (value above 0) of every person moved in place, on the maps before peak suppression. */
    static void adjust(List<float[][]> people, JointMaps det) {
        for (float[][] person : people) {
            for (int j = 0; j < person.length; j++) {
                float[] joint = person[j];
                if (joint[2] > 0) {
                    int x = (int) joint[0];
                    int y = (int) joint[1];
                    joint[0] = joint[0] + dx(det, j, x, y) + 0.5f;
                    joint[1] = joint[1] + dy(det, j, x, y) + 0.5f;
                }
            }
        }
    }

    /** The horizontal quarter step at (x, y) of joint {@code j}'s map. */
    static float dx(JointMaps det, int j, int x, int y) {
        return det.get(j, y, Math.min(x + 1, det.width() - 1)) > det.get(j, y, Math.max(x - 1, 0)) ? QUARTER : -QUARTER;
    }

    /** The vertical quarter step at (x, y) of joint {@code j}'s map. */
    static float dy(JointMaps det, int j, int x, int y) {
        return det.get(j, Math.min(y + 1, det.height() - 1), x) > det.get(j, Math.max(y - 1, 0), x) ? QUARTER : -QUARTER;
    }
}
