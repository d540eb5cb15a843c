package io.hrnetspark.job.render;

import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/**
 * Draws persons on an image: box, skeleton (limbs of the dataset's skeleton whose two keypoints are
 * confident enough), keypoints, and the instance score. Limbs on the person's left are orange, on the
 * right blue, across the body green. Also draws two versions of one image side by side (ground truth
 * and predictions).
 */
public final class SkeletonRenderer {

    private static final Color LEFT = new Color(255, 140, 0);
    private static final Color RIGHT = new Color(30, 144, 255);
    private static final Color CENTER = new Color(50, 205, 50);
    private static final Color BOX = new Color(255, 255, 255, 160);
    private static final Color LABEL_PLATE = new Color(0, 0, 0, 150);
    private static final float MIN_LABEL_POINTS = 9f;

    private final KeypointSpec spec;
    private final double keypointThreshold;

    /** @param keypointThreshold keypoints with a lower score are not drawn */
    public SkeletonRenderer(KeypointSpec spec, double keypointThreshold) {
        this.spec = spec;
        this.keypointThreshold = keypointThreshold;
    }

    /** Decodes as annotate does (OpenCV, any format it reads) into an 8-bit image Java can draw on. */
    public static BufferedImage decode(byte[] encoded, String name) {
        try (RgbImage rgb = RgbImage.decode(encoded, name)) {
            BufferedImage image = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_3BYTE_BGR);
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            byte[] pixels = rgb.pixels();
            for (int i = 0; i < pixels.length; i += 3) {
                bgr[i] = pixels[i + 2];
                bgr[i + 1] = pixels[i + 1];
                bgr[i + 2] = pixels[i];
            }
            return image;
        }
    }

    /**
     * The image twice, side by side ({@code 2 × width} by {@code height}): {@code left} drawn on the
     * left copy, {@code right} on the right one.
     */
    public BufferedImage renderSideBySide(BufferedImage image, List<RenderedPerson> left,
                                          List<RenderedPerson> right) {
        BufferedImage canvas = new BufferedImage(2 * image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(render(image, left), 0, 0, null);
        g.drawImage(render(image, right), image.getWidth(), 0, null);
        g.dispose();
        return canvas;
    }

    /** A copy of the image in 8-bit RGB with the persons drawn on it. */
    public BufferedImage render(BufferedImage image, List<RenderedPerson> persons) {
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float scale = Math.max(1f, Math.max(image.getWidth(), image.getHeight()) / 640f);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(12 * scale)));
        for (RenderedPerson person : persons) {
            draw(g, person, scale, image.getWidth(), image.getHeight());
        }
        g.dispose();
        return canvas;
    }

    private void draw(Graphics2D g, RenderedPerson person, float scale, int imageWidth, int imageHeight) {
        double[] box = person.box();
        g.setColor(BOX);
        g.setStroke(new BasicStroke(scale));
        g.draw(new Rectangle2D.Double(box[0], box[1], box[2], box[3]));
        drawLabel(g, person.label(), box, imageWidth, imageHeight);
        float[][] k = person.keypoints();
        g.setStroke(new BasicStroke(2.5f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] limb : spec.skeleton()) {
            if (limb[0] < k.length && limb[1] < k.length && confident(k[limb[0]]) && confident(k[limb[1]])) {
                g.setColor(side(limb[0]) == side(limb[1]) ? colour(side(limb[0])) : CENTER);
                g.draw(new Line2D.Double(k[limb[0]][0], k[limb[0]][1], k[limb[1]][0], k[limb[1]][1]));
            }
        }
        double r = 3 * scale;
        for (int i = 0; i < k.length; i++) {
            if (confident(k[i])) {
                g.setColor(colour(side(i)));
                g.fill(new Ellipse2D.Double(k[i][0] - r, k[i][1] - r, 2 * r, 2 * r));
            }
        }
    }

    /**
     * The label in the box's top-left corner on a dark plate, in a font shrunk (down to {@value #MIN_LABEL_POINTS}
     * points) to fit the box's width, and moved inside the image when the box reaches past its edge.
     */
    private static void drawLabel(Graphics2D g, String label, double[] box, int imageWidth, int imageHeight) {
        Font font = g.getFont();
        float points = font.getSize2D();
        while (points > MIN_LABEL_POINTS && g.getFontMetrics(font.deriveFont(points)).stringWidth(label) + 4 > box[2]) {
            points -= 1;
        }
        Font fitted = font.deriveFont(Math.max(MIN_LABEL_POINTS, points));
        FontMetrics metrics = g.getFontMetrics(fitted);
        Rectangle2D plate = labelPlate(box, metrics.stringWidth(label) + 4, metrics.getHeight(), imageWidth,
                imageHeight);
        g.setColor(LABEL_PLATE);
        g.fill(plate);
        g.setColor(Color.WHITE);
        g.setFont(fitted);
        g.drawString(label, (float) plate.getX() + 2, (float) plate.getY() + metrics.getAscent());
        g.setFont(font);
    }

    /** Where a label plate of the given size goes: the box's top-left corner, kept inside the image. */
    static Rectangle2D labelPlate(double[] box, double width, double height, double imageWidth, double imageHeight) {
        double x = Math.max(0, Math.min(box[0], imageWidth - width));
        double y = Math.max(0, Math.min(box[1], imageHeight - height));
        return new Rectangle2D.Double(x, y, width, height);
    }

    private boolean confident(float[] keypoint) {
        return keypoint[2] >= keypointThreshold;
    }

    /** -1 for the person's left, 1 for the right, 0 for keypoints without a side. */
    private int side(int keypoint) {
        String name = spec.keypoints().get(keypoint);
        return name.startsWith("left") ? -1 : name.startsWith("right") ? 1 : 0;
    }

    private static Color colour(int side) {
        return side < 0 ? LEFT : side > 0 ? RIGHT : CENTER;
    }
}
