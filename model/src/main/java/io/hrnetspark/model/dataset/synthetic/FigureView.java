package io.hrnetspark.model.dataset.synthetic;

/**
 * How a figure appears in the image: turned by {@code yaw} about the vertical (0 faces the camera,
 * positive turns the figure's face towards the image's right), tilted by {@code roll} in the image
 * plane, {@code scale} pixels per unit of height, body-frame origin at ({@code originX},
 * {@code originY}). Orthographic: depth only decides what hides what.
 */
record FigureView(double yaw, double roll, double scale, double originX, double originY) {

    /** Image x, image y and depth (larger is farther from the camera, in units of height). */
    double[] project(Vec3 p) {
        // Facing the camera, the person's left is the image's right and forwards points at the camera.
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        double x = p.x() * c + p.z() * s;
        double depth = p.x() * s - p.z() * c;
        double cr = Math.cos(roll);
        double sr = Math.sin(roll);
        return new double[] {originX + scale * (x * cr - p.y() * sr), originY + scale * (x * sr + p.y() * cr), depth};
    }

    FigureView movedBy(double dx, double dy) {
        return new FigureView(yaw, roll, scale, originX + dx, originY + dy);
    }
}
