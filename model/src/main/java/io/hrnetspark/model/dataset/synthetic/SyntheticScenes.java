package io.hrnetspark.model.dataset.synthetic;

import io.hrnetspark.model.coco.mask.Rle;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic people to learn pose estimation from, with exact COCO keypoint annotations: articulated
 * figures (standing, walking, arms raised, sitting, free poses; seen from the front, three-quarter
 * and the side) with filled, coloured and textured body parts and a face (eyes, nose, ears, hair)
 * that makes left and right decidable as COCO labels them (the person's left), several per image,
 * overlapping each other, partly hidden by objects in front and cut by the image border, on
 * cluttered backgrounds.
 *
 * <p>Every pixel's owner (person and body part, an object, or background) is drawn into a label
 * image alongside, so a keypoint is visible (2) when the part it lies on shows at its pixel, hidden
 * (1) when something else does or it is on the far side of the head or torso, and 0 outside the
 * image; the mask, box and area are those of the pixels the person owns. Coordinates put pixel
 * (i, j)'s centre at (i, j), as OpenCV does. Scene n depends only on the seed and n, so scenes can be
 * made in any order and in parallel.
 */
public final class SyntheticScenes {

    /** The most people one image can hold (the label image numbers them in 8 bits). */
    public static final int MAX_PEOPLE = 250;

    private static final int OBJECT_LABEL = 0xFFFF00;
    private static final double MIN_HEIGHT = 0.25;
    private static final double MAX_HEIGHT = 0.85;
    private static final double MAX_OVERLAP = 0.35;

    private final int width;
    private final int height;
    private final int maxPeople;
    /** Odd constant spreading seeds apart so that (seed, n) pairs of nearby seeds never meet. */
    private static final long SEED_SPREAD = 0x9E3779B97F4A7C15L;

    private final long seed;

    public SyntheticScenes(int width, int height, int maxPeople, long seed) {
        if (width < 32 || height < 32 || maxPeople < 1 || maxPeople > MAX_PEOPLE) {
            throw new IllegalArgumentException("need width and height >= 32 and 1 <= maxPeople <= " + MAX_PEOPLE);
        }
        this.width = width;
        this.height = height;
        this.maxPeople = maxPeople;
        this.seed = seed;
    }

    /** Scene number {@code n} of this seed. */
    public SyntheticScene scene(long n) {
        SplittableRandom random = new SplittableRandom(seed * SEED_SPREAD + n);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage labels = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D colour = image.createGraphics();
        Graphics2D label = labels.createGraphics();
        colour.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        label.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        // Drawing coordinate (i, j) is the centre of pixel (i, j).
        colour.translate(0.5, 0.5);
        label.translate(0.5, 0.5);
        SceneClutter clutter = new SceneClutter(random, width, height);
        clutter.background(colour);

        List<Figure> figures = place(random, 1 + random.nextInt(maxPeople));
        figures.sort(Comparator.comparingDouble(f -> f.bounds().getMaxY()));
        for (int p = 0; p < figures.size(); p++) {
            figures.get(p).draw(colour, label, (p + 1) << 8);
        }
        double u = random.nextDouble();
        int objects = u < 0.5 ? 0 : u < 0.85 ? 1 : 2;
        for (int i = 0; i < objects; i++) {
            Rectangle2D target = figures.get(random.nextInt(figures.size())).bounds();
            clutter.occluder(colour, label, target, new Color(OBJECT_LABEL));
        }
        colour.dispose();
        label.dispose();
        return new SyntheticScene(image, annotate(figures, ((DataBufferInt) labels.getRaster().getDataBuffer()).getData()));
    }

    private List<Figure> place(SplittableRandom random, int people) {
        PoseSampler poses = new PoseSampler(random);
        List<Figure> figures = new ArrayList<>();
        List<Rectangle2D> taken = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            double scale = height * (MIN_HEIGHT + (MAX_HEIGHT - MIN_HEIGHT) * random.nextDouble());
            BodyShape shape = BodyShape.sample(random);
            BodyPose pose = poses.pose(poses.kind());
            FigureView view = new FigureView(poses.yaw(), poses.roll(), scale, 0, 0);
            Figure figure = new Figure(shape, pose, view, Outfit.sample(random, scale));
            Rectangle2D bounds = figure.bounds();
            Figure placed = null;
            for (int attempt = 0; attempt < 8 && (placed == null || overlaps(placed.bounds(), taken)); attempt++) {
                double left = between(random, -0.15 * bounds.getWidth(), width - 0.85 * bounds.getWidth());
                double top = between(random, -0.05 * bounds.getHeight(), height - 0.9 * bounds.getHeight());
                placed = figure.movedBy(left - bounds.getX(), top - bounds.getY());
            }
            figures.add(placed);
            taken.add(placed.bounds());
        }
        return figures;
    }

    private static double between(SplittableRandom random, double a, double b) {
        return Math.min(a, b) + Math.abs(b - a) * random.nextDouble();
    }

    private static boolean overlaps(Rectangle2D box, List<Rectangle2D> others) {
        for (Rectangle2D other : others) {
            Rectangle2D common = box.createIntersection(other);
            if (!common.isEmpty()) {
                double inter = common.getWidth() * common.getHeight();
                double union = box.getWidth() * box.getHeight() + other.getWidth() * other.getHeight() - inter;
                if (inter / union > MAX_OVERLAP) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<SyntheticPerson> annotate(List<Figure> figures, int[] labels) {
        int n = figures.size();
        long[] area = new long[n];
        int[][] box = new int[n][] ;
        byte[][] masks = new byte[n][width * height];
        for (int p = 0; p < n; p++) {
            box[p] = new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = ((labels[y * width + x] & 0xFFFFFF) >> 8) - 1;
                if (p >= 0 && p < n) {
                    area[p]++;
                    masks[p][x * height + y] = 1;
                    int[] b = box[p];
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        List<SyntheticPerson> people = new ArrayList<>();
        BodyPart[] parts = BodyPart.values();
        for (int p = 0; p < n; p++) {
            if (area[p] == 0) {
                continue;
            }
            double[][] points = figures.get(p).keypoints();
            double[] flat = new double[3 * points.length];
            int labelled = 0;
            for (int k = 0; k < points.length; k++) {
                double x = Math.round(points[k][0] * 100) / 100.0;
                double y = Math.round(points[k][1] * 100) / 100.0;
                long px = Math.round(x);
                long py = Math.round(y);
                if (px < 0 || py < 0 || px >= width || py >= height) {
                    continue;
                }
                int owner = labels[(int) (py * width + px)] & 0xFFFFFF;
                boolean shows = (owner >> 8) == p + 1 && figures.get(p).showsOn(k, parts[owner & 0xFF]);
                flat[3 * k] = x;
                flat[3 * k + 1] = y;
                flat[3 * k + 2] = shows ? 2 : 1;
                labelled++;
            }
            int[] b = box[p];
            people.add(new SyntheticPerson(flat, labelled,
                    new double[] {b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1}, area[p],
                    Rle.encode(masks[p], height, width)));
        }
        return people;
    }
}
