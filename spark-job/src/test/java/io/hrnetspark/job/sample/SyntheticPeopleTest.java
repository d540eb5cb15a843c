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
import io.hrnetspark.model.coco.mask.Rle;
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
        return generate(name, seed, 4);
    }

    private SyntheticPeople.Summary generate(String name, long seed, int images) {
        return SyntheticPeople.generate(new SyntheticPeople.Spec(images, 200, 150, 3, seed),
                new HadoopStorage(new Configuration()), new org.apache.hadoop.fs.Path(dir.resolve(name).toUri()));
    }

    @Test
    void writesCocoGroundTruthThatTheManifestReaderUsesWhole() throws IOException {
        SyntheticPeople.Summary summary = generate("a", 7);
        Manifest gt = manifest("a");
        assertEquals(4, gt.imagesListed());
        JsonNode root = new ObjectMapper().readTree(dir.resolve("a/annotations.json").toFile());
        JsonNode category = root.get("categories").get(0);
        assertEquals(17, category.get("keypoints").size());
        assertEquals("[16,14]", category.get("skeleton").get(0).toString(), "1-based as in COCO");
        int boxes = 0;
        for (JsonNode annotation : root.get("annotations")) {
            JsonNode box = annotation.get("bbox");
            JsonNode keypoints = annotation.get("keypoints");
            assertEquals(51, keypoints.size());
            int labelled = 0;
            for (int k = 0; k < 17; k++) {
                double x = keypoints.get(3 * k).asDouble();
                double y = keypoints.get(3 * k + 1).asDouble();
                int v = keypoints.get(3 * k + 2).asInt();
                assertTrue(v >= 0 && v <= 2);
                labelled += v > 0 ? 1 : 0;
                if (v == 2) {
                    assertTrue(x >= box.get(0).asDouble() - 0.5 && x <= box.get(0).asDouble() + box.get(2).asDouble());
                    assertTrue(y >= box.get(1).asDouble() - 0.5 && y <= box.get(1).asDouble() + box.get(3).asDouble());
                }
            }
            assertEquals(labelled, annotation.get("num_keypoints").asInt());
            boxes += labelled > 0 ? 1 : 0;
            JsonNode segmentation = annotation.get("segmentation");
            assertEquals("[150,200]", segmentation.get("size").toString());
            Rle mask = Rle.fromCompressed(segmentation.get("counts").asText(), 150, 200);
            assertEquals(mask.area(), annotation.get("area").asLong());
            assertArrayEquals(mask.toBbox(), new double[] {box.get(0).asDouble(), box.get(1).asDouble(),
                box.get(2).asDouble(), box.get(3).asDouble()});
        }
        assertEquals(boxes, tasks(gt).stream().mapToInt(ImageTask::work).sum(),
                "every person with a labelled keypoint is a ground-truth box");
        assertEquals(boxes, summary.people());
        assertEquals(root.get("annotations").size() - boxes, gt.boxesSkipped(), "people with no labelled keypoint");
        for (ImageTask task : tasks(gt)) {
            BufferedImage image = ImageIO.read(dir.resolve("a/images").resolve(task.filePath()).toFile());
            assertEquals(200, image.getWidth());
            assertEquals(150, image.getHeight());
        }
        JsonNode detections = new ObjectMapper().readTree(dir.resolve("a/detections.json").toFile());
        assertEquals(root.get("annotations").size() + 4, detections.size(), "one per person and one false positive per image");
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
    void imageNIsTheSameWhateverTheImageCount() throws IOException {
        generate("four", 5, 4);
        generate("seventy", 5, 70);
        for (String name : List.of("000000000001.png", "000000000004.png")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("four/images").resolve(name)),
                    Files.readAllBytes(dir.resolve("seventy/images").resolve(name)));
        }
        JsonNode four = new ObjectMapper().readTree(dir.resolve("four/annotations.json").toFile()).get("annotations");
        JsonNode seventy = new ObjectMapper().readTree(dir.resolve("seventy/annotations.json").toFile()).get("annotations");
        for (int i = 0; i < four.size(); i++) {
            assertEquals(four.get(i), seventy.get(i));
        }
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
                Optional.of(dir.resolve(name).resolve("annotations.json").toString()), BoxSource.GroundTruth.official(),
                storage.qualified(dir.resolve(name + "-staging").toString()));
    }

    private static List<ImageTask> tasks(Manifest manifest) {
        return manifest.tasks().collectAsList().stream().map(ManifestTable::task).toList();
    }
}
