package io.hrnetspark.model.dataset.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The scene around the people: a cluttered background (gradients, textured shapes, lines, stray
 * limb-like strokes) and objects in front of people that hide parts of them (walls, tables, poles,
 * bushes, boards).
 */
final class SceneClutter {

    private final SplittableRandom random;
    private final int width;
    private final int height;

    SceneClutter(SplittableRandom random, int width, int height) {
        this.random = random;
        this.width = width;
        this.height = height;
    }

    void background(Graphics2D g) {
        float horizon = (float) (height * (0.2 + 0.6 * random.nextDouble()));
        g.setPaint(new GradientPaint(0, 0, Outfit.anyColor(random), 0, horizon, Outfit.anyColor(random)));
        g.fill(new Rectangle2D.Double(0, 0, width, horizon));
        g.setPaint(Outfit.paint(Outfit.anyColor(random), random, Math.max(4, height * 0.05 * random.nextDouble())));
        g.fill(new Rectangle2D.Double(0, horizon, width, height - horizon));
        int shapes = 8 + random.nextInt(25);
        for (int i = 0; i < shapes; i++) {
            double size = Math.min(width, height) * (0.03 + 0.3 * Math.pow(random.nextDouble(), 2));
            double x = width * random.nextDouble();
            double y = height * random.nextDouble();
            Color color = Outfit.anyColor(random);
            Paint paint = Outfit.paint(color, random, Math.max(3, size * 0.15));
            Shape shape = switch (random.nextInt(6)) {
                case 0 -> new Rectangle2D.Double(x, y, size * (0.3 + 2 * random.nextDouble()),
                        size * (0.3 + 2 * random.nextDouble()));
                case 1 -> new Ellipse2D.Double(x, y, size * (0.3 + random.nextDouble()), size * (0.3 + random.nextDouble()));
                case 2 -> polygon(x, y, size);
                case 3 -> new BasicStroke((float) (1 + size * 0.05)).createStrokedShape(new Line2D.Double(
                        x, y, x + size * 3 * (random.nextDouble() - 0.5), y + size * 3 * (random.nextDouble() - 0.5)));
                case 4 -> limbLike(x, y, size);
                default -> rotated(new Rectangle2D.Double(x, y, size, size * 0.3 * (1 + random.nextDouble())), x, y);
            };
            g.setPaint(paint);
            g.fill(shape);
            if (random.nextBoolean()) {
                g.setStroke(new BasicStroke((float) Math.max(1, size * 0.02)));
                g.setColor(Outfit.edgeOf(color));
                g.draw(shape);
            }
        }
    }

    /**
     * An object in front of the person whose bounds are {@code person}: a low wall or table over the
     * legs, a pole, a bush or a board, in the scene's label colour {@code label}.
     */
    void occluder(Graphics2D colour, Graphics2D labels, Rectangle2D person, Color label) {
        double w = person.getWidth();
        double h = person.getHeight();
        Shape shape = switch (random.nextInt(5)) {
            case 0, 1 -> {
                double top = person.getY() + h * (0.45 + 0.4 * random.nextDouble());
                double left = person.getX() - w * random.nextDouble();
                yield new Rectangle2D.Double(left, top, w * (0.6 + 1.5 * random.nextDouble()), height - top + 1);
            }
            case 2 -> {
                double poleWidth = Math.max(2, w * (0.06 + 0.18 * random.nextDouble()));
                double x = person.getX() + (w - poleWidth) * random.nextDouble();
                double top = random.nextBoolean() ? -1 : person.getY() + h * random.nextDouble() * 0.5;
                yield new Rectangle2D.Double(x, top, poleWidth, height - top + 1);
            }
            case 3 -> {
                Area bush = new Area();
                double cx = person.getX() + w * random.nextDouble();
                double cy = person.getY() + h * (0.4 + 0.6 * random.nextDouble());
                int blobs = 3 + random.nextInt(5);
                for (int i = 0; i < blobs; i++) {
                    double r = w * (0.12 + 0.25 * random.nextDouble());
                    double x = cx + w * 0.5 * (random.nextDouble() - 0.5);
                    double y = cy + h * 0.2 * (random.nextDouble() - 0.5);
                    bush.add(new Area(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r)));
                }
                yield bush;
            }
            default -> {
                double bw = w * (0.25 + 0.5 * random.nextDouble());
                double bh = h * (0.1 + 0.25 * random.nextDouble());
                yield rotated(new Rectangle2D.Double(person.getX() + (w - bw) * random.nextDouble(),
                        person.getY() + (h - bh) * random.nextDouble(), bw, bh), person.getCenterX(), person.getCenterY());
            }
        };
        Color color = Outfit.anyColor(random);
        colour.setPaint(Outfit.paint(color, random, Math.max(3, w * 0.08)));
        colour.fill(shape);
        colour.setStroke(new BasicStroke((float) Math.max(1, w * 0.015)));
        colour.setColor(Outfit.edgeOf(color));
        colour.draw(shape);
        labels.setColor(label);
        labels.setStroke(colour.getStroke());
        labels.fill(shape);
        labels.draw(shape);
    }

    private Shape polygon(double x, double y, double size) {
        Path2D path = new Path2D.Double();
        int corners = 3 + random.nextInt(4);
        for (int i = 0; i < corners; i++) {
            double a = 2 * Math.PI * (i + 0.8 * random.nextDouble()) / corners;
            double r = size * (0.4 + 0.6 * random.nextDouble());
            if (i == 0) {
                path.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
            } else {
                path.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
            }
        }
        path.closePath();
        return path;
    }

    /** A stray capsule the size of a limb, so that limb-like shapes alone do not make a person. */
    private Shape limbLike(double x, double y, double size) {
        double a = 2 * Math.PI * random.nextDouble();
        double length = size * (1 + 2 * random.nextDouble());
        double r = size * (0.08 + 0.15 * random.nextDouble());
        return ConvexShapes.capsule(x, y, r, x + length * Math.cos(a), y + length * Math.sin(a),
                r * (0.6 + 0.4 * random.nextDouble()));
    }

    private Shape rotated(Shape shape, double x, double y) {
        return AffineTransform.getRotateInstance(Math.PI * (random.nextDouble() - 0.5), x, y).createTransformedShape(shape);
    }
}
