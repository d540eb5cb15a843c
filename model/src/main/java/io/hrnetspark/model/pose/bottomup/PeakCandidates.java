package io.hrnetspark.model.pose.bottomup;

/**
 * The strongest local maxima of one joint's heatmap, strongest first: pixel (x[i], y[i]), heatmap
 * value {@code values[i]} and the tag vector {@code tags[i]} there.
 */
record PeakCandidates(int[] x, int[] y, float[] values, float[][] tags) {

    int size() {
        return values.length;
    }
}
