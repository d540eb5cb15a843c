package io.hrnetspark.model.dataset.synthetic;

/**
 * The 3D points of a figure in its body frame (origin between the hips): the 17 COCO keypoints in
 * COCO order and the points the drawing needs besides them (neck, head centre, hand and foot ends,
 * head axes for the face).
 */
record Skeleton(Vec3[] keypoints, Vec3 neck, Vec3 torsoLeft, Vec3 headCenter, double headRadius,
                Vec3 headLeft, Vec3 headDown, Vec3 headForward,
                Vec3 leftHandEnd, Vec3 rightHandEnd, Vec3 leftToe, Vec3 rightToe) {

    static final int NOSE = 0;
    static final int LEFT_EYE = 1;
    static final int RIGHT_EYE = 2;
    static final int LEFT_EAR = 3;
    static final int RIGHT_EAR = 4;
    static final int LEFT_SHOULDER = 5;
    static final int RIGHT_SHOULDER = 6;
    static final int LEFT_ELBOW = 7;
    static final int RIGHT_ELBOW = 8;
    static final int LEFT_WRIST = 9;
    static final int RIGHT_WRIST = 10;
    static final int LEFT_HIP = 11;
    static final int RIGHT_HIP = 12;
    static final int LEFT_KNEE = 13;
    static final int RIGHT_KNEE = 14;
    static final int LEFT_ANKLE = 15;
    static final int RIGHT_ANKLE = 16;

    /** Face points on a head of radius 1 looking along +z: nose, left eye, right eye, left ear, right ear. */
    private static final Vec3[] FACE = {
        new Vec3(0, 0.25, 1.12), new Vec3(0.40, -0.12, 0.90), new Vec3(-0.40, -0.12, 0.90),
        new Vec3(1.0, 0.05, -0.05), new Vec3(-1.0, 0.05, -0.05),
    };

    static Skeleton of(BodyShape shape, BodyPose pose) {
        Vec3[] k = new Vec3[17];
        Vec3 torsoUp = new Vec3(0, -1, 0).pitched(pose.torsoLean()).rolled(pose.torsoBend());
        Vec3 torsoLeft = new Vec3(1, 0, 0).pitched(pose.torsoLean()).rolled(pose.torsoBend());
        Vec3 neck = Vec3.ZERO.along(torsoUp, shape.torso());
        k[LEFT_SHOULDER] = neck.along(torsoLeft, shape.shoulderHalf()).along(torsoUp, -0.03);
        k[RIGHT_SHOULDER] = neck.along(torsoLeft, -shape.shoulderHalf()).along(torsoUp, -0.03);
        k[LEFT_HIP] = new Vec3(shape.hipHalf(), 0, 0);
        k[RIGHT_HIP] = new Vec3(-shape.hipHalf(), 0, 0);

        Vec3[] leftArm = arm(1, k[LEFT_SHOULDER], shape, pose.leftArm(), pose);
        Vec3[] rightArm = arm(-1, k[RIGHT_SHOULDER], shape, pose.rightArm(), pose);
        Vec3[] leftLeg = leg(1, k[LEFT_HIP], shape, pose.leftLeg());
        Vec3[] rightLeg = leg(-1, k[RIGHT_HIP], shape, pose.rightLeg());
        k[LEFT_ELBOW] = leftArm[0];
        k[LEFT_WRIST] = leftArm[1];
        k[RIGHT_ELBOW] = rightArm[0];
        k[RIGHT_WRIST] = rightArm[1];
        k[LEFT_KNEE] = leftLeg[0];
        k[LEFT_ANKLE] = leftLeg[1];
        k[RIGHT_KNEE] = rightLeg[0];
        k[RIGHT_ANKLE] = rightLeg[1];

        Vec3 headLeft = inTorso(new Vec3(1, 0, 0).pitched(pose.headNod()).yawed(pose.headTurn()), pose);
        Vec3 headDown = inTorso(new Vec3(0, 1, 0).pitched(pose.headNod()).yawed(pose.headTurn()), pose);
        Vec3 headForward = inTorso(new Vec3(0, 0, 1).pitched(pose.headNod()).yawed(pose.headTurn()), pose);
        Vec3 headCenter = neck.along(torsoUp, shape.neck()).along(headDown, -shape.headRadius());
        Skeleton partial = new Skeleton(k, neck, torsoLeft, headCenter, shape.headRadius(), headLeft, headDown,
                headForward, leftArm[2], rightArm[2], leftLeg[2], rightLeg[2]);
        for (int f = 0; f < FACE.length; f++) {
            k[f] = partial.onHead(FACE[f]);
        }
        return partial;
    }

    /** A point given on a head of radius 1 looking along +z (x to its left, y down), placed on this head. */
    Vec3 onHead(Vec3 unit) {
        return headCenter.along(headLeft, unit.x() * headRadius).along(headDown, unit.y() * headRadius)
                .along(headForward, unit.z() * headRadius);
    }

    /** The outward direction of a point given on the unit head (for deciding whether it faces the camera). */
    Vec3 headNormal(Vec3 unit) {
        double n = Math.sqrt(unit.x() * unit.x() + unit.y() * unit.y() + unit.z() * unit.z());
        return onHead(unit).minus(headCenter).times(1 / (n * headRadius));
    }

    /** The unit-head position of face keypoint {@code k} (0 nose .. 4 right ear). */
    static Vec3 facePoint(int k) {
        return FACE[k];
    }

    /** A direction given in the upright torso frame, turned with the torso's lean and bend. */
    private static Vec3 inTorso(Vec3 v, BodyPose pose) {
        return v.pitched(pose.torsoLean()).rolled(pose.torsoBend());
    }

    /** Elbow, wrist and the end of the hand; the arm's angles are relative to the torso. */
    private static Vec3[] arm(int side, Vec3 shoulder, BodyShape shape, LimbAngles a, BodyPose pose) {
        Vec3 upper = inTorso(Vec3.limb(side, a.abduction(), a.flexion()), pose);
        Vec3 lower = inTorso(Vec3.limb(side, a.abduction() + a.bendAbduction(), a.flexion() + a.bend()), pose);
        Vec3 elbow = shoulder.along(upper, shape.upperArm());
        Vec3 wrist = elbow.along(lower, shape.forearm());
        return new Vec3[] {elbow, wrist, wrist.along(lower, shape.hand())};
    }

    /** Knee, ankle and toe; the knee bends backwards and the foot points forwards, square to the shin. */
    private static Vec3[] leg(int side, Vec3 hip, BodyShape shape, LimbAngles a) {
        Vec3 thigh = Vec3.limb(side, a.abduction(), a.flexion());
        double shinAbduction = a.abduction() + a.bendAbduction();
        double shinFlexion = a.flexion() - a.bend();
        Vec3 shin = Vec3.limb(side, shinAbduction, shinFlexion);
        Vec3 knee = hip.along(thigh, shape.thigh());
        Vec3 ankle = knee.along(shin, shape.shin());
        Vec3 foot = Vec3.limb(side, shinAbduction * 0.5, shinFlexion + Math.PI / 2 - 0.15);
        return new Vec3[] {knee, ankle, ankle.along(foot, shape.foot())};
    }
}
