package io.hrnetspark.model.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * Draws plausible poses: standing, walking, arms raised, sitting, and free poses where each limb
 * takes any angle in a human range (waving, pointing, hands on hips, kneeling, kicking).
 */
final class PoseSampler {

    enum Kind { STANDING, WALKING, ARMS_RAISED, SITTING, FREE }

    private static final double[] KIND_WEIGHTS = {0.22, 0.22, 0.16, 0.16, 0.24};

    private final SplittableRandom random;

    PoseSampler(SplittableRandom random) {
        this.random = random;
    }

    Kind kind() {
        double u = random.nextDouble();
        for (int i = 0; i < KIND_WEIGHTS.length; i++) {
            u -= KIND_WEIGHTS[i];
            if (u < 0) {
                return Kind.values()[i];
            }
        }
        return Kind.FREE;
    }

    BodyPose pose(Kind kind) {
        double lean = deg(-6, 10);
        double bend = deg(-6, 6);
        double turn = deg(-30, 30);
        double nod = deg(-15, 20);
        return switch (kind) {
            case STANDING -> new BodyPose(lean, bend, turn, nod, hangingArm(), hangingArm(), standingLeg(), standingLeg());
            case WALKING -> walking(lean, bend, turn, nod);
            case ARMS_RAISED -> new BodyPose(lean, bend, turn, nod,
                    random.nextDouble() < 0.75 ? raisedArm() : hangingArm(), raisedArm(), standingLeg(), standingLeg());
            case SITTING -> new BodyPose(deg(-10, 15), bend, turn, nod, restingArm(), restingArm(), sittingLeg(), sittingLeg());
            case FREE -> new BodyPose(deg(-10, 25), deg(-12, 12), turn, nod, freeArm(), freeArm(), freeLeg(), freeLeg());
        };
    }

    /** The figure's turn: mostly towards the camera, a third three-quarter, a quarter side views. */
    double yaw() {
        double u = random.nextDouble();
        double sign = random.nextBoolean() ? 1 : -1;
        if (u < 0.45) {
            return deg(-30, 30);
        }
        return sign * (u < 0.75 ? deg(30, 65) : deg(65, 100));
    }

    /** In-plane tilt: mostly upright, sometimes leaning well over. */
    double roll() {
        return random.nextDouble() < 0.85 ? Math.toRadians(6 * gaussian()) : deg(-35, 35);
    }

    private BodyPose walking(double lean, double bend, double turn, double nod) {
        double stride = deg(12, 32) * Math.sin(deg(0, 360));
        LimbAngles left = new LimbAngles(deg(0, 6), stride, stride > 0 ? deg(0, 20) : deg(10, 50), deg(-3, 3));
        LimbAngles right = new LimbAngles(deg(0, 6), -stride, stride < 0 ? deg(0, 20) : deg(10, 50), deg(-3, 3));
        double swing = -0.8 * stride;
        return new BodyPose(lean, bend, turn, nod,
                new LimbAngles(deg(4, 18), swing + deg(-8, 8), deg(5, 50), deg(-10, 5)),
                new LimbAngles(deg(4, 18), -swing + deg(-8, 8), deg(5, 50), deg(-10, 5)), left, right);
    }

    private LimbAngles hangingArm() {
        return new LimbAngles(deg(3, 35), deg(-15, 25), deg(0, 50), deg(-15, 10));
    }

    private LimbAngles raisedArm() {
        return random.nextBoolean()
                ? new LimbAngles(deg(80, 175), deg(-15, 30), deg(0, 70), deg(-20, 20))
                : new LimbAngles(deg(0, 30), deg(60, 170), deg(0, 80), deg(-20, 20));
    }

    private LimbAngles restingArm() {
        return new LimbAngles(deg(5, 30), deg(0, 45), deg(20, 100), deg(-30, 5));
    }

    private LimbAngles freeArm() {
        return new LimbAngles(deg(-25, 170), deg(-50, 130), deg(0, 140), deg(-45, 30));
    }

    private LimbAngles standingLeg() {
        return new LimbAngles(deg(0, 12), deg(-6, 12), deg(0, 12), deg(-4, 4));
    }

    private LimbAngles sittingLeg() {
        return new LimbAngles(deg(2, 22), deg(65, 100), deg(60, 120), deg(-10, 10));
    }

    private LimbAngles freeLeg() {
        return new LimbAngles(deg(-8, 45), deg(-35, 100), deg(0, 130), deg(-10, 10));
    }

    private double deg(double from, double to) {
        return Math.toRadians(from + (to - from) * random.nextDouble());
    }

    private double gaussian() {
        // Box-Muller from the seeded generator (SplittableRandom has no nextGaussian on Java 17).
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
