package io.hrnetspark.job.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.dataset.KeypointSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;

/**
 * Generates a synthetic COCO person-keypoint dataset for demos and scale tests: PNG images of stick
 * figures drawn at known keypoints, {@code annotations.json} (COCO ground truth with the 17 COCO
 * keypoints) and {@code detections.json} (COCO detection results: every person's box, jittered, with
 * a score, plus low-score false positives). Deterministic for a seed.
 */
public final class SyntheticPeople {

    public static final String IMAGES = "images";
    public static final String ANNOTATIONS = "annotations.json";
    public static final String DETECTIONS = "detections.json";

    /** Standing pose, 17 COCO keypoints: x relative to the body axis, y from the top, in person heights. */
    private static final double[][] POSE = {
        {0, 0.06}, {0.03, 0.04}, {-0.03, 0.04}, {0.06, 0.05}, {-0.06, 0.05},
        {0.12, 0.20}, {-0.12, 0.20}, {0.16, 0.36}, {-0.16, 0.36}, {0.18, 0.50}, {-0.18, 0.50},
        {0.08, 0.52}, {-0.08, 0.52}, {0.09, 0.74}, {-0.09, 0.74}, {0.10, 0.96}, {-0.10, 0.96},
    };
    /** Keypoints that move with the limbs (elbows, wrists, knees, ankles). */
    private static final int[] LIMB_ENDS = {7, 8, 9, 10, 13, 14, 15, 16};
    private static final double HEAD_RADIUS = 0.06;

    /**
     * @param images     number of images
     * @param width      image width in pixels
     * @param height     image height in pixels
     * @param maxPeople  people per image are 1..maxPeople
     * @param seed       random seed
     */
    public record Spec(int images, int width, int height, int maxPeople, long seed) {
        public Spec {
            if (images < 1 || width < 32 || height < 32 || maxPeople < 1) {
                throw new IllegalArgumentException("need images >= 1, width and height >= 32, maxPeople >= 1");
            }
        }
    }

    /** What was generated: counts and the files. */
    public record Summary(Path root, int images, int people, int detectionCount) {
        public Path imagesRoot() {
            return new Path(root, IMAGES);
        }

        public Path annotationsFile() {
            return new Path(root, ANNOTATIONS);
        }

        public Path detectionsFile() {
            return new Path(root, DETECTIONS);
        }
    }

    private SyntheticPeople() {
    }

    public static Summary generate(Spec spec, HadoopStorage storage, Path root) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        List<Map<String, Object>> images = new ArrayList<>();
        List<Map<String, Object>> annotations = new ArrayList<>();
        List<Map<String, Object>> detections = new ArrayList<>();
        try {
            for (int imageId = 1; imageId <= spec.images(); imageId++) {
                String fileName = String.format("%012d.png", imageId);
                BufferedImage image = background(spec.width(), spec.height(), random);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                int people = 1 + random.nextInt(spec.maxPeople());
                for (int p = 0; p < people; p++) {
                    double[][] keypoints = person(spec.width(), spec.height(), random);
                    draw(g, keypoints, random);
                    Map<String, Object> annotation = annotation(annotations.size() + 1, imageId, keypoints,
                            spec.width(), spec.height());
                    annotations.add(annotation);
                    detections.add(detection(imageId, (double[]) annotation.get("bbox"), random));
                }
                g.dispose();
                detections.add(falsePositive(imageId, spec.width(), spec.height(), random));
                storage.write(new Path(new Path(root, IMAGES), fileName), png(image));
                images.add(ordered("id", imageId, "file_name", fileName, "width", spec.width(), "height", spec.height()));
            }
            ObjectMapper json = new ObjectMapper();
            Map<String, Object> groundTruth = ordered("info", ordered("description",
                            "hrnet-spark synthetic people, seed " + spec.seed()),
                    "images", images, "annotations", annotations, "categories", List.of(personCategory()));
            storage.write(new Path(root, ANNOTATIONS), json.writeValueAsBytes(groundTruth));
            storage.write(new Path(root, DETECTIONS), json.writeValueAsBytes(detections));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample to " + root, e);
        }
        return new Summary(root, spec.images(), annotations.size(), detections.size());
    }

    private static BufferedImage background(int width, int height, SplittableRandom random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0x1000000)).darker());
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillRect(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width / 3),
                    1 + random.nextInt(height / 3));
        }
        g.dispose();
        return image;
    }

    /** 17 keypoints {x, y} of one person standing inside the image. */
    private static double[][] person(int width, int height, SplittableRandom random) {
        double size = height * (0.35 + 0.5 * random.nextDouble());
        double top = (height - size) * random.nextDouble();
        double halfWidth = 0.25 * size;
        double axis = halfWidth + (width - 2 * halfWidth) * random.nextDouble();
        double[][] keypoints = new double[POSE.length][];
        for (int k = 0; k < POSE.length; k++) {
            keypoints[k] = new double[] {axis + POSE[k][0] * size, top + POSE[k][1] * size};
        }
        for (int k : LIMB_ENDS) {
            keypoints[k][0] += size * 0.05 * (2 * random.nextDouble() - 1);
            keypoints[k][1] += size * 0.03 * (2 * random.nextDouble() - 1);
        }
        return keypoints;
    }

    private static void draw(Graphics2D g, double[][] keypoints, SplittableRandom random) {
        double size = keypoints[15][1] - keypoints[0][1];
        g.setColor(new Color(128 + random.nextInt(128), 128 + random.nextInt(128), 128 + random.nextInt(128)));
        g.setStroke(new BasicStroke((float) Math.max(2, size * 0.03), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] bone : KeypointSpec.COCO.skeleton()) {
            double[] a = keypoints[bone[0]];
            double[] b = keypoints[bone[1]];
            g.drawLine((int) Math.round(a[0]), (int) Math.round(a[1]), (int) Math.round(b[0]), (int) Math.round(b[1]));
        }
        int r = (int) Math.round(HEAD_RADIUS * size / 0.9);
        g.fillOval((int) Math.round(keypoints[0][0]) - r, (int) Math.round(keypoints[0][1]) - r, 2 * r, 2 * r);
    }

    private static Map<String, Object> annotation(int id, int imageId, double[][] keypoints, int width, int height) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        List<Object> flat = new ArrayList<>();
        int visible = 0;
        for (double[] point : keypoints) {
            double x = Math.round(point[0] * 100) / 100.0;
            double y = Math.round(point[1] * 100) / 100.0;
            boolean inside = x >= 0 && y >= 0 && x < width && y < height;
            flat.add(inside ? x : 0);
            flat.add(inside ? y : 0);
            flat.add(inside ? 2 : 0);
            if (inside) {
                visible++;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        double pad = 0.08 * (maxY - minY);
        double x0 = Math.max(0, minX - pad);
        double y0 = Math.max(0, minY - pad);
        double x1 = Math.min(width - 1, maxX + pad);
        double y1 = Math.min(height - 1, maxY + pad);
        double[] bbox = {round2(x0), round2(y0), round2(x1 - x0), round2(y1 - y0)};
        return ordered("id", id, "image_id", imageId, "category_id", 1, "iscrowd", 0, "bbox", bbox,
                "area", round2(bbox[2] * bbox[3]), "num_keypoints", visible, "keypoints", flat);
    }

    private static Map<String, Object> detection(int imageId, double[] box, SplittableRandom random) {
        double[] jittered = new double[4];
        for (int i = 0; i < 4; i++) {
            jittered[i] = round2(box[i] + 0.04 * (i < 2 ? box[i + 2] : box[i]) * (2 * random.nextDouble() - 1));
        }
        return ordered("image_id", imageId, "category_id", 1, "bbox", jittered,
                "score", round2(0.6 + 0.4 * random.nextDouble()));
    }

    private static Map<String, Object> falsePositive(int imageId, int width, int height, SplittableRandom random) {
        double w = width * (0.1 + 0.2 * random.nextDouble());
        double h = height * (0.1 + 0.2 * random.nextDouble());
        double[] box = {round2((width - w) * random.nextDouble()), round2((height - h) * random.nextDouble()),
            round2(w), round2(h)};
        return ordered("image_id", imageId, "category_id", 1, "bbox", box, "score", round2(0.3 * random.nextDouble()));
    }

    private static Map<String, Object> personCategory() {
        List<int[]> skeleton = new ArrayList<>();
        for (int[] bone : KeypointSpec.COCO.skeleton()) {
            skeleton.add(new int[] {bone[0] + 1, bone[1] + 1});
        }
        return ordered("id", 1, "name", "person", "supercategory", "person",
                "keypoints", KeypointSpec.COCO.keypoints(), "skeleton", skeleton);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
