package io.hrnetspark.model.dataset.synthetic;

/**
 * A point or direction in a figure's body frame: x towards the person's left, y down, z forwards
 * (the way the person faces), in units of the person's height.
 */
record Vec3(double x, double y, double z) {

    static final Vec3 ZERO = new Vec3(0, 0, 0);

    Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    /** This point moved {@code length} along {@code direction}. */
    Vec3 along(Vec3 direction, double length) {
        return plus(direction.times(length));
    }

    /** Rotated about the left-right axis: positive angles tip the upward direction forwards. */
    Vec3 pitched(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Vec3(x, y * c + z * s, -y * s + z * c);
    }

    /** Rotated about the front-back axis: positive angles tip the upward direction to the left. */
    Vec3 rolled(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Vec3(x * c - y * s, x * s + y * c, z);
    }

    /** Rotated about the vertical axis: positive angles turn the forward direction to the left. */
    Vec3 yawed(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Vec3(x * c + z * s, y, -x * s + z * c);
    }

    /**
     * The unit direction of a limb on {@code side} (+1 left, -1 right) that hangs straight down at
     * zero angles, is swung {@code abduction} radians away from the body's midline and then
     * {@code flexion} radians forwards.
     */
    static Vec3 limb(int side, double abduction, double flexion) {
        double cf = Math.cos(flexion);
        return new Vec3(side * Math.sin(abduction) * cf, Math.cos(abduction) * cf, Math.sin(flexion));
    }
}
