package io.hrnetspark.model.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * A figure's proportions in units of its height: segment lengths, half widths of the shoulders and
 * hips, and the radii of the head and limbs.
 */
record BodyShape(double torso, double neck, double headRadius, double shoulderHalf, double hipHalf,
                 double upperArm, double forearm, double hand, double thigh, double shin, double foot,
                 double armRadius, double legRadius, double torsoDepth) {

    /** Adult proportions varied per person: build (thin to broad), limb lengths and head size. */
    static BodyShape sample(SplittableRandom random) {
        double build = 0.8 + 0.5 * random.nextDouble();
        double arms = 0.92 + 0.16 * random.nextDouble();
        double legs = 0.92 + 0.16 * random.nextDouble();
        double head = 0.9 + 0.25 * random.nextDouble();
        return new BodyShape(0.29 * (0.94 + 0.12 * random.nextDouble()), 0.035, 0.06 * head,
                0.11 * build, 0.085 * build, 0.165 * arms, 0.145 * arms, 0.055 * arms,
                0.235 * legs, 0.235 * legs, 0.075, 0.034 * build, 0.05 * build, 0.06 * build);
    }
}
