package io.hrnetspark.job.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.dataset.KeypointSpec;
import io.hrnetspark.model.dataset.synthetic.SyntheticPerson;
import io.hrnetspark.model.dataset.synthetic.SyntheticScene;
import io.hrnetspark.model.dataset.synthetic.SyntheticScenes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.Path;

/**
 * Writes a synthetic COCO person-keypoint dataset (the scenes of {@link SyntheticScenes}) for demos,
 * training the demo model and scale tests: PNG images, {@code annotations.json} (COCO ground truth:
 * the 17 COCO keypoints with visibility, box, area and mask of every person) and
 * {@code detections.json} (COCO detection results: every person's box, jittered, with a score, plus
 * one low-score false positive per image). Image n of a seed is the same whatever the image count.
 */
public final class SyntheticPeople {

    public static final String IMAGES = "images";
    public static final String ANNOTATIONS = "annotations.json";
    public static final String DETECTIONS = "detections.json";

    /** Images rendered in parallel before they are written in order. */
    private static final int CHUNK = 64;
    /**
     * @param images     number of images
     * @param width      image width in pixels
     * @param height     image height in pixels
     * @param maxPeople  people per image are 1..maxPeople (at most 250)
     * @param seed       random seed
     */
    public record Spec(int images, int width, int height, int maxPeople, long seed) {
        public Spec {
            if (images < 1 || width < 32 || height < 32 || maxPeople < 1 || maxPeople > SyntheticScenes.MAX_PEOPLE) {
                throw new IllegalArgumentException("need images >= 1, width and height >= 32, 1 <= maxPeople <= "
                        + SyntheticScenes.MAX_PEOPLE);
            }
        }
    }

    /**
     * What was generated: counts and the files. {@code people} counts the annotated people with at least
     * one labelled keypoint (those keypoint evaluation and ground-truth boxes use); a person whose
     * keypoints all fall outside the image is annotated too, with {@code num_keypoints} 0.
     */
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
        SyntheticScenes scenes = new SyntheticScenes(spec.width(), spec.height(), spec.maxPeople(), spec.seed());
        SplittableRandom detectionNoise = new SplittableRandom(~spec.seed());
        List<Map<String, Object>> images = new ArrayList<>();
        List<Map<String, Object>> annotations = new ArrayList<>();
        List<Map<String, Object>> detections = new ArrayList<>();
        int peopleWithKeypoints = 0;
        try {
            for (int first = 1; first <= spec.images(); first += CHUNK) {
                int start = first;
                List<Rendered> chunk = IntStream.range(start, Math.min(spec.images() + 1, start + CHUNK)).parallel()
                        .mapToObj(id -> Rendered.of(scenes.scene(id - 1L))).toList();
                for (int i = 0; i < chunk.size(); i++) {
                    int imageId = start + i;
                    String fileName = String.format("%012d.png", imageId);
                    for (SyntheticPerson person : chunk.get(i).scene().people()) {
                        annotations.add(annotation(annotations.size() + 1, imageId, person));
                        peopleWithKeypoints += person.numKeypoints() > 0 ? 1 : 0;
                        detections.add(detection(imageId, person.bbox(), detectionNoise));
                    }
                    detections.add(falsePositive(imageId, spec.width(), spec.height(), detectionNoise));
                    storage.write(new Path(new Path(root, IMAGES), fileName), chunk.get(i).png());
                    images.add(ordered("id", imageId, "file_name", fileName, "width", spec.width(), "height", spec.height()));
                }
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
        return new Summary(root, spec.images(), peopleWithKeypoints, detections.size());
    }

    private record Rendered(SyntheticScene scene, byte[] png) {
        static Rendered of(SyntheticScene scene) {
            return new Rendered(scene, SyntheticPeople.png(scene.image()));
        }
    }

    private static Map<String, Object> annotation(int id, int imageId, SyntheticPerson person) {
        List<Object> keypoints = new ArrayList<>();
        for (int k = 0; k < person.keypoints().length / 3; k++) {
            double[] point = person.keypoint(k);
            keypoints.add(point[0]);
            keypoints.add(point[1]);
            keypoints.add((int) point[2]);
        }
        Map<String, Object> segmentation = ordered("size",
                List.of(person.segmentation().height(), person.segmentation().width()),
                "counts", person.segmentation().toCompressed());
        return ordered("id", id, "image_id", imageId, "category_id", 1, "iscrowd", 0, "bbox", person.bbox(),
                "area", person.area(), "num_keypoints", person.numKeypoints(), "keypoints", keypoints,
                "segmentation", segmentation);
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

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a PNG in memory", e);
        }
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
