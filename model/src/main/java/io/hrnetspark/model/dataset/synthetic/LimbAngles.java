package io.hrnetspark.model.dataset.synthetic;

/**
 * The angles of one arm or leg, in radians: the upper segment's {@code abduction} (away from the
 * midline) and {@code flexion} (forwards), and the lower segment's bend at the elbow or knee
 * (forwards for an elbow, backwards for a knee) and its extra abduction.
 */
record LimbAngles(double abduction, double flexion, double bend, double bendAbduction) {
}
