package io.hrnetspark.job.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic COCO person-keypoint set for benchmarks: {@code gt.json} with persons spread
 * over the images (some unlabelled keypoints, 1% crowd regions) and {@code results.json} whose
 * detections are mostly noisy copies of persons, the rest false positives.
 */
public final class SyntheticKeypointSet {

    public static final String GT = "gt.json";
    public static final String RESULTS = "results.json";

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int KEYPOINTS = 17;
    private static final double TRUE_DETECTION_SHARE = 0.8;

    private record Person(long id, long imageId, double[] box, double[] keypoints, boolean crowd) {
    }

    private SyntheticKeypointSet() {
    }

    /** Writes {@code gt.json} and {@code results.json} into {@code dir}. */
    public static void write(Path dir, int images, int people, int detections, long seed) {
        Random random = new Random(seed);
        List<Person> persons = new ArrayList<>(people);
        for (int p = 0; p < people; p++) {
            persons.add(person(random, p + 1, 1000L + random.nextInt(images)));
        }
        JsonFactory json = new JsonFactory();
        try (JsonGenerator out = json.createGenerator(dir.resolve(GT).toFile(),
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("images");
            for (int i = 0; i < images; i++) {
                out.writeStartObject();
                out.writeNumberField("id", 1000L + i);
                out.writeNumberField("width", WIDTH);
                out.writeNumberField("height", HEIGHT);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("annotations");
            for (Person person : persons) {
                writePerson(out, person);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("categories");
            out.writeStartObject();
            out.writeNumberField("id", 1);
            out.writeStringField("name", "person");
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(GT), e);
        }
        try (JsonGenerator out = json.createGenerator(dir.resolve(RESULTS).toFile(),
                com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            out.writeStartArray();
            for (int d = 0; d < detections; d++) {
                Person target = persons.get(random.nextInt(persons.size()));
                boolean hit = !target.crowd() && random.nextDouble() < TRUE_DETECTION_SHARE;
                long imageId = hit ? target.imageId() : 1000L + random.nextInt(images);
                double[] keypoints = hit ? noisy(random, target) : person(random, 0, imageId).keypoints();
                out.writeStartObject();
                out.writeNumberField("image_id", imageId);
                out.writeNumberField("category_id", 1);
                out.writeArrayFieldStart("keypoints");
                for (int k = 0; k < KEYPOINTS; k++) {
                    out.writeNumber(keypoints[3 * k]);
                    out.writeNumber(keypoints[3 * k + 1]);
                    out.writeNumber(random.nextDouble());
                }
                out.writeEndArray();
                // Three decimals make score ties, within and across images.
                out.writeNumberField("score", Math.round(random.nextDouble() * 1000) / 1000.0);
                out.writeEndObject();
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(RESULTS), e);
        }
    }

    private static Person person(Random random, long id, long imageId) {
        double w = 20 + random.nextDouble() * 180;
        double h = Math.min(HEIGHT - 1.0, w * 2);
        double x = random.nextDouble() * (WIDTH - w);
        double y = random.nextDouble() * (HEIGHT - h);
        boolean crowd = random.nextInt(100) == 0;
        double[] keypoints = new double[3 * KEYPOINTS];
        for (int k = 0; k < KEYPOINTS && !crowd; k++) {
            if (random.nextInt(100) < 15) {
                continue;
            }
            keypoints[3 * k] = Math.round(x + w * (0.2 + 0.6 * ((k * 7) % 5) / 4.0));
            keypoints[3 * k + 1] = Math.round(y + h * (0.05 + 0.9 * k / (KEYPOINTS - 1.0)));
            keypoints[3 * k + 2] = 1 + random.nextInt(2);
        }
        return new Person(id, imageId, new double[] {x, y, w, h}, keypoints, crowd);
    }

    private static double[] noisy(Random random, Person person) {
        double scale = Math.sqrt(person.box()[2] * person.box()[3]) * 0.04;
        double[] out = new double[3 * KEYPOINTS];
        for (int k = 0; k < KEYPOINTS; k++) {
            boolean labelled = person.keypoints()[3 * k + 2] > 0;
            double cx = labelled ? person.keypoints()[3 * k] : person.box()[0] + person.box()[2] / 2;
            double cy = labelled ? person.keypoints()[3 * k + 1] : person.box()[1] + person.box()[3] / 2;
            out[3 * k] = cx + random.nextGaussian() * scale;
            out[3 * k + 1] = cy + random.nextGaussian() * scale;
        }
        return out;
    }

    private static void writePerson(JsonGenerator out, Person person) throws IOException {
        int labelled = 0;
        for (int k = 0; k < KEYPOINTS; k++) {
            labelled += person.keypoints()[3 * k + 2] > 0 ? 1 : 0;
        }
        double[] box = person.box();
        out.writeStartObject();
        out.writeNumberField("id", person.id());
        out.writeNumberField("image_id", person.imageId());
        out.writeNumberField("category_id", 1);
        out.writeNumberField("iscrowd", person.crowd() ? 1 : 0);
        out.writeNumberField("num_keypoints", labelled);
        out.writeNumberField("area", box[2] * box[3] * 0.6);
        out.writeArrayFieldStart("bbox");
        for (double v : box) {
            out.writeNumber(v);
        }
        out.writeEndArray();
        out.writeArrayFieldStart("keypoints");
        for (double v : person.keypoints()) {
            out.writeNumber((long) v);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
