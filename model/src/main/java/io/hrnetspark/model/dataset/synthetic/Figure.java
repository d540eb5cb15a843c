package io.hrnetspark.model.dataset.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One person as drawn: a skeleton seen through a view, dressed in an outfit. Its parts are filled
 * convex shapes with a darker outline, painted far to near; the label image gets the same shapes
 * in the person's label colour plus the part, so that what shows at each pixel is known exactly.
 */
final class Figure {

    /** A keypoint on the far side of the torso is hidden by it when its side turns this far away (sine of the turn). */
    private static final double FAR_SIDE = 0.7;
    /** A face keypoint shows while its outward direction points towards the camera by at least this much. */
    private static final double[] FACE_SHOWS_BELOW = {0.35, -0.05, -0.05, 0.3, 0.3};

    private final Skeleton skeleton;
    private final BodyShape shape;
    private final FigureView view;
    private final Outfit outfit;
    private final List<DrawnPart> parts;

    private record DrawnPart(BodyPart part, Shape outline, double depth, Paint fill, Color edge) {
    }

    Figure(BodyShape shape, BodyPose pose, FigureView view, Outfit outfit) {
        this(shape, Skeleton.of(shape, pose), view, outfit);
    }

    private Figure(BodyShape shape, Skeleton skeleton, FigureView view, Outfit outfit) {
        this.shape = shape;
        this.skeleton = skeleton;
        this.view = view;
        this.outfit = outfit;
        this.parts = layOut();
    }

    Figure movedBy(double dx, double dy) {
        return new Figure(shape, skeleton, view.movedBy(dx, dy), outfit);
    }

    /** Image x, image y and depth of the 17 COCO keypoints. */
    double[][] keypoints() {
        double[][] points = new double[17][];
        for (int k = 0; k < 17; k++) {
            points[k] = view.project(skeleton.keypoints()[k]);
        }
        return points;
    }

    Rectangle2D bounds() {
        Rectangle2D bounds = null;
        for (DrawnPart p : parts) {
            Rectangle2D b = p.outline().getBounds2D();
            bounds = bounds == null ? b : bounds.createUnion(b);
        }
        Rectangle2D head = headCircle().getBounds2D();
        return bounds.createUnion(new Rectangle2D.Double(head.getX() - 0.3 * head.getWidth(), head.getY(),
                1.6 * head.getWidth(), head.getHeight()));
    }

    /**
     * Whether keypoint {@code k} can show where part {@code atPixel} of this figure is drawn: it must
     * be one of the parts carrying it, a face point must face the camera, and a shoulder or hip on the
     * far side of the torso is hidden by the torso.
     */
    boolean showsOn(int k, BodyPart atPixel) {
        if (!BodyPart.carrying(k).contains(atPixel)) {
            return false;
        }
        if (k <= Skeleton.RIGHT_EAR) {
            return facesCamera(Skeleton.facePoint(k), FACE_SHOWS_BELOW[k]);
        }
        if (atPixel == BodyPart.TORSO) {
            double side = k % 2 == 1 ? 1 : -1;
            return depthOf(skeleton.torsoLeft().times(side)) < FAR_SIDE;
        }
        return true;
    }

    void draw(Graphics2D colour, Graphics2D labels, int personLabel) {
        BasicStroke stroke = new BasicStroke((float) Math.max(1, 0.006 * view.scale()),
                BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        colour.setStroke(stroke);
        labels.setStroke(stroke);
        for (DrawnPart p : parts) {
            fill(colour, p.outline(), p.fill(), p.edge());
            fill(labels, p.outline(), new Color(personLabel | p.part().ordinal()), null);
            if (p.part() == BodyPart.HEAD) {
                drawFace(colour, labels, new Color(personLabel | BodyPart.HEAD.ordinal()));
            }
        }
    }

    private static void fill(Graphics2D g, Shape shape, Paint fill, Color edge) {
        g.setPaint(fill);
        g.fill(shape);
        g.setPaint(edge == null ? fill : edge);
        g.draw(shape);
    }

    private List<DrawnPart> layOut() {
        Vec3[] k = skeleton.keypoints();
        double arm = shape.armRadius();
        double leg = shape.legRadius();
        Color skin = outfit.skin();
        Color skinEdge = Outfit.edgeOf(skin);
        Paint sleeve = outfit.sleeves() == Outfit.Sleeves.LONG ? outfit.top() : skin;
        Color sleeveEdge = Outfit.edgeOf(outfit.sleeves() == Outfit.Sleeves.LONG ? outfit.topColor() : skin);
        Paint upperSleeve = outfit.sleeves() == Outfit.Sleeves.NONE ? skin : outfit.top();
        Color upperSleeveEdge = Outfit.edgeOf(outfit.sleeves() == Outfit.Sleeves.NONE ? skin : outfit.topColor());
        Paint shinPaint = outfit.longTrousers() ? outfit.bottom() : skin;
        Color shinEdge = Outfit.edgeOf(outfit.longTrousers() ? outfit.bottomColor() : skin);
        Color bottomEdge = Outfit.edgeOf(outfit.bottomColor());
        List<DrawnPart> list = new ArrayList<>();
        list.add(torso());
        list.add(limb(BodyPart.NECK, skeleton.neck(), 0.5 * skeleton.headRadius(), skeleton.headCenter(),
                0.45 * skeleton.headRadius(), skin, skinEdge, 0));
        list.add(new DrawnPart(BodyPart.HEAD, headCircle(), view.project(skeleton.headCenter())[2] - 0.01, skin, skinEdge));
        int[][] arms = {{Skeleton.LEFT_SHOULDER, Skeleton.LEFT_ELBOW, Skeleton.LEFT_WRIST},
            {Skeleton.RIGHT_SHOULDER, Skeleton.RIGHT_ELBOW, Skeleton.RIGHT_WRIST}};
        BodyPart[][] armParts = {{BodyPart.LEFT_UPPER_ARM, BodyPart.LEFT_FOREARM, BodyPart.LEFT_HAND},
            {BodyPart.RIGHT_UPPER_ARM, BodyPart.RIGHT_FOREARM, BodyPart.RIGHT_HAND}};
        Vec3[] handEnds = {skeleton.leftHandEnd(), skeleton.rightHandEnd()};
        int[][] legs = {{Skeleton.LEFT_HIP, Skeleton.LEFT_KNEE, Skeleton.LEFT_ANKLE},
            {Skeleton.RIGHT_HIP, Skeleton.RIGHT_KNEE, Skeleton.RIGHT_ANKLE}};
        BodyPart[][] legParts = {{BodyPart.LEFT_THIGH, BodyPart.LEFT_SHIN, BodyPart.LEFT_FOOT},
            {BodyPart.RIGHT_THIGH, BodyPart.RIGHT_SHIN, BodyPart.RIGHT_FOOT}};
        Vec3[] toes = {skeleton.leftToe(), skeleton.rightToe()};
        for (int s = 0; s < 2; s++) {
            list.add(limb(armParts[s][0], k[arms[s][0]], arm, k[arms[s][1]], 0.85 * arm, upperSleeve, upperSleeveEdge, 0));
            list.add(limb(armParts[s][1], k[arms[s][1]], 0.85 * arm, k[arms[s][2]], 0.65 * arm, sleeve, sleeveEdge, 0));
            list.add(limb(armParts[s][2], k[arms[s][2]], 0.7 * arm, handEnds[s], 0.8 * arm, skin, skinEdge, 0));
            list.add(limb(legParts[s][0], k[legs[s][0]], leg, k[legs[s][1]], 0.8 * leg, outfit.bottom(), bottomEdge, 0));
            list.add(limb(legParts[s][1], k[legs[s][1]], 0.78 * leg, k[legs[s][2]], 0.55 * leg, shinPaint, shinEdge, 0));
            list.add(limb(legParts[s][2], k[legs[s][2]], 0.5 * leg, toes[s], 0.42 * leg, outfit.shoes(),
                    Outfit.edgeOf(outfit.shoes()), 0.001));
        }
        list.sort(Comparator.comparingDouble(DrawnPart::depth).reversed());
        return list;
    }

    private DrawnPart torso() {
        Vec3[] k = skeleton.keypoints();
        Vec3 left = skeleton.torsoLeft();
        Vec3 forward = new Vec3(0, 0, shape.torsoDepth());
        List<double[]> corners = new ArrayList<>();
        Vec3[] rim = {
            k[Skeleton.LEFT_SHOULDER].along(left, 0.3 * shape.armRadius()).plus(new Vec3(0, -0.012, 0)),
            k[Skeleton.RIGHT_SHOULDER].along(left, -0.3 * shape.armRadius()).plus(new Vec3(0, -0.012, 0)),
            k[Skeleton.LEFT_HIP].plus(new Vec3(0.6 * shape.legRadius(), 0.03, 0)),
            k[Skeleton.RIGHT_HIP].plus(new Vec3(-0.6 * shape.legRadius(), 0.03, 0)),
        };
        for (Vec3 p : rim) {
            corners.add(view.project(p.plus(forward)));
            corners.add(view.project(p.minus(forward)));
        }
        double depth = view.project(Vec3.ZERO.plus(skeleton.neck()).times(0.5))[2] + 0.02;
        return new DrawnPart(BodyPart.TORSO, ConvexShapes.hull(corners), depth, outfit.top(),
                Outfit.edgeOf(outfit.topColor()));
    }

    private DrawnPart limb(BodyPart part, Vec3 from, double fromRadius, Vec3 to, double toRadius, Paint fill,
                           Color edge, double depthBias) {
        double[] a = view.project(from);
        double[] b = view.project(to);
        double s = view.scale();
        return new DrawnPart(part, ConvexShapes.capsule(a[0], a[1], fromRadius * s, b[0], b[1], toRadius * s),
                0.5 * (a[2] + b[2]) + depthBias, fill, edge);
    }

    private Ellipse2D headCircle() {
        double[] c = view.project(skeleton.headCenter());
        double r = skeleton.headRadius() * view.scale();
        return new Ellipse2D.Double(c[0] - r, c[1] - r, 2 * r, 2 * r);
    }

    /** Hair, ears, eyes, nose and mouth on the head, where they face the camera. */
    private void drawFace(Graphics2D colour, Graphics2D labels, Color headLabel) {
        double r = skeleton.headRadius() * view.scale();
        if (!outfit.bald()) {
            double[] face = view.project(skeleton.onHead(new Vec3(0, 0.45, 0.5)));
            Area hair = new Area(headCircle());
            hair.subtract(new Area(new Ellipse2D.Double(face[0] - r, face[1] - r, 2 * r, 2 * r)));
            fill(colour, hair, outfit.hair(), Outfit.edgeOf(outfit.hair()));
        }
        for (int ear = Skeleton.LEFT_EAR; ear <= Skeleton.RIGHT_EAR; ear++) {
            if (facesCamera(Skeleton.facePoint(ear), FACE_SHOWS_BELOW[ear])) {
                double[] p = view.project(skeleton.keypoints()[ear]);
                Shape shapeOfEar = new Ellipse2D.Double(p[0] - 0.2 * r, p[1] - 0.3 * r, 0.4 * r, 0.6 * r);
                fill(colour, shapeOfEar, outfit.skin(), Outfit.edgeOf(outfit.skin()));
                fill(labels, shapeOfEar, headLabel, null);
            }
        }
        for (int eye = Skeleton.LEFT_EYE; eye <= Skeleton.RIGHT_EYE; eye++) {
            Vec3 unit = Skeleton.facePoint(eye);
            if (facesCamera(unit, FACE_SHOWS_BELOW[eye])) {
                double[] p = view.project(skeleton.keypoints()[eye]);
                double squash = Math.max(0.35, Math.min(1, -depthOf(skeleton.headNormal(unit))));
                colour.setColor(Color.WHITE);
                colour.fill(new Ellipse2D.Double(p[0] - 0.2 * r * squash, p[1] - 0.13 * r, 0.4 * r * squash, 0.26 * r));
                colour.setColor(new Color(0x20, 0x18, 0x10));
                colour.fill(new Ellipse2D.Double(p[0] - 0.1 * r, p[1] - 0.1 * r, 0.2 * r, 0.2 * r));
            }
        }
        Vec3 nose = Skeleton.facePoint(Skeleton.NOSE);
        if (facesCamera(nose, FACE_SHOWS_BELOW[Skeleton.NOSE])) {
            double[] root = view.project(skeleton.onHead(new Vec3(0, -0.05, 0.98)));
            double[] tip = view.project(skeleton.keypoints()[Skeleton.NOSE]);
            Shape shapeOfNose = ConvexShapes.capsule(root[0], root[1], 0.07 * r, tip[0], tip[1], 0.1 * r);
            fill(colour, shapeOfNose, outfit.skin().darker(), Outfit.edgeOf(outfit.skin()));
            fill(labels, shapeOfNose, headLabel, null);
        }
        Vec3 mouth = new Vec3(0, 0.55, 0.84);
        if (facesCamera(mouth, -0.2)) {
            double[] a = view.project(skeleton.onHead(new Vec3(-0.22, 0.55, 0.8)));
            double[] b = view.project(skeleton.onHead(new Vec3(0.22, 0.55, 0.8)));
            colour.setColor(new Color(0x80, 0x20, 0x20));
            colour.setStroke(new BasicStroke((float) Math.max(1, 0.08 * r), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            colour.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
            colour.setStroke(labels.getStroke());
        }
    }

    private boolean facesCamera(Vec3 unitHeadPoint, double threshold) {
        return depthOf(skeleton.headNormal(unitHeadPoint)) < threshold;
    }

    /** The depth component of a body-frame direction as the view sees it (negative: towards the camera). */
    private double depthOf(Vec3 direction) {
        return view.project(direction)[2];
    }
}
