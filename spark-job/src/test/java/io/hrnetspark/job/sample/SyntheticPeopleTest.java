package io.hrnetspark.job.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.job.manifest.BoxSource;
import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.Manifest;
import io.hrnetspark.job.manifest.ManifestReader;
import io.hrnetspark.job.manifest.ManifestTable;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.job.testing.TestSpark;
import io.hrnetspark.job.storage.HadoopStorage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPeopleTest {

    @TempDir
    Path dir;

    private SyntheticPeople.Summary generate(String name, long seed) {
        return SyntheticPeople.generate(new SyntheticPeople.Spec(4, 200, 150, 3, seed),
                new HadoopStorage(new Configuration()), new org.apache.hadoop.fs.Path(dir.resolve(name).toUri()));
    }

    @Test
    void writesCocoGroundTruthThatTheManifestReaderUsesWhole() throws IOException {
        SyntheticPeople.Summary summary = generate("a", 7);
        Manifest gt = manifest("a");
        assertEquals(4, gt.imagesListed());
        assertEquals(0, gt.boxesSkipped());
        assertEquals(summary.people(), tasks(gt).stream().mapToInt(ImageTask::work).sum());
        JsonNode root = new ObjectMapper().readTree(dir.resolve("a/annotations.json").toFile());
        JsonNode category = root.get("categories").get(0);
        assertEquals(17, category.get("keypoints").size());
        assertEquals("[16,14]", category.get("skeleton").get(0).toString(), "1-based as in COCO");
        for (JsonNode annotation : root.get("annotations")) {
            JsonNode box = annotation.get("bbox");
            JsonNode keypoints = annotation.get("keypoints");
            assertEquals(51, keypoints.size());
            assertEquals(17, annotation.get("num_keypoints").asInt());
            for (int k = 0; k < 17; k++) {
                double x = keypoints.get(3 * k).asDouble();
                double y = keypoints.get(3 * k + 1).asDouble();
                assertTrue(x >= box.get(0).asDouble() && x <= box.get(0).asDouble() + box.get(2).asDouble());
                assertTrue(y >= box.get(1).asDouble() && y <= box.get(1).asDouble() + box.get(3).asDouble());
            }
        }
        for (ImageTask task : tasks(gt)) {
            BufferedImage image = ImageIO.read(dir.resolve("a/images").resolve(task.filePath()).toFile());
            assertEquals(200, image.getWidth());
            assertEquals(150, image.getHeight());
        }
        JsonNode detections = new ObjectMapper().readTree(dir.resolve("a/detections.json").toFile());
        assertEquals(summary.people() + 4, detections.size(), "one per person and one false positive per image");
    }

    @Test
    void isDeterministicForASeed() throws IOException {
        generate("a", 3);
        generate("b", 3);
        generate("c", 4);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/annotations.json")),
                Files.readAllBytes(dir.resolve("b/annotations.json")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/images/000000000002.png")),
                Files.readAllBytes(dir.resolve("b/images/000000000002.png")));
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/annotations.json")),
                Files.readAllBytes(dir.resolve("c/annotations.json"))));
    }

    @Test
    void groundTruthBoxesAreInsideTheImage() throws IOException {
        generate("a", 11);
        for (ImageTask task : tasks(manifest("a"))) {
            for (PersonBox box : task.boxes()) {
                assertTrue(box.x() >= 0 && box.y() >= 0 && box.x() + box.width() <= 199
                        && box.y() + box.height() <= 149, box.toString());
            }
        }
    }

    private Manifest manifest(String name) {
        HadoopStorage storage = new HadoopStorage(new Configuration());
        return new ManifestReader(TestSpark.start("local[2]"), storage).read(
                storage.qualified(dir.resolve(name).resolve("images").toString()),
                Optional.of(dir.resolve(name).resolve("annotations.json").toString()), new BoxSource.GroundTruth(),
                storage.qualified(dir.resolve(name + "-staging").toString()));
    }

    private static List<ImageTask> tasks(Manifest manifest) {
        return manifest.tasks().collectAsList().stream().map(ManifestTable::task).toList();
    }
}
