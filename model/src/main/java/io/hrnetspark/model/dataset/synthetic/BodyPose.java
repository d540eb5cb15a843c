package io.hrnetspark.model.dataset.synthetic;

/**
 * The joint angles of a figure, in radians: the torso's forward lean and sideways bend, the head's
 * turn (left positive) and nod (down positive), and the four limbs.
 */
record BodyPose(double torsoLean, double torsoBend, double headTurn, double headNod,
                LimbAngles leftArm, LimbAngles rightArm, LimbAngles leftLeg, LimbAngles rightLeg) {
}
