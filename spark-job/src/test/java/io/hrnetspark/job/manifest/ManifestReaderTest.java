package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.pose.PersonBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path dir;

    private ManifestFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ManifestFixture(dir);
    }

    private String write(String name, String content) {
        return fixture.write(name, content);
    }

    private String groundTruth() throws IOException {
        return write("gt.json", """
                {"images": [{"id": 5, "file_name": "5.jpg", "width": 100, "height": 100},
                            {"id": 2, "file_name": "2.jpg", "width": 100, "height": 100},
                            {"id": 9, "file_name": "9.jpg", "width": 100, "height": 100}],
                 "annotations": [
                   {"id": 1, "image_id": 5, "category_id": 1, "area": 1, "bbox": [1, 1, 10, 10], "keypoints": [1,1,2]},
                   {"id": 2, "image_id": 2, "category_id": 1, "area": 1, "bbox": [2, 2, 10, 10], "keypoints": [1,1,2]},
                   {"id": 3, "image_id": 5, "category_id": 1, "area": 1, "bbox": [3, 3, 10, 10], "keypoints": [1,1,2]}]}
                """);
    }

    @Test
    void groundTruthBoxesGroupedPerImageInImageIdOrder() throws IOException {
        Manifest manifest = fixture.read(dir, Optional.of(groundTruth()), BoxSource.GroundTruth.official());
        assertEquals(List.of(
                new ImageTask(2, "2.jpg", List.of(new PersonBox(2, 2, 9, 9, 1))),
                new ImageTask(5, "5.jpg", List.of(new PersonBox(1, 1, 9, 9, 1), new PersonBox(3, 3, 9, 9, 1)))),
                ManifestFixture.tasks(manifest));
        assertEquals(3, manifest.imagesListed());
        assertEquals(1, manifest.imagesWithoutBoxes());
    }

    @Test
    void detectionsJoinTheAnnotationFilesImages() throws IOException {
        String detections = write("det.json", """
                [{"image_id": 9, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.8},
                 {"image_id": 77, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.8},
                 {"image_id": 9, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.1}]""");
        Manifest manifest = fixture.read(dir, Optional.of(groundTruth()), new BoxSource.Detections(detections, 0.5));
        assertEquals(List.of(new ImageTask(9, "9.jpg", List.of(new PersonBox(1, 2, 3, 4, 0.8)))),
                ManifestFixture.tasks(manifest));
        assertEquals(1, manifest.detectionsWithoutImage());
        assertEquals(1, manifest.boxesSkipped());
        assertEquals(2, manifest.imagesWithoutBoxes());
    }

    @Test
    void detectionsWithAnImageFolderUseTheNumbersInFileNames() throws IOException {
        Files.createDirectories(dir.resolve("images/sub"));
        Files.write(dir.resolve("images/sub/000000000012.png"), new byte[1]);
        Files.write(dir.resolve("images/000000000013.png"), new byte[1]);
        String detections = write("det.json", """
                [{"image_id": 12, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.8}]""");
        Manifest manifest = fixture.read(dir.resolve("images"), Optional.empty(), new BoxSource.Detections(detections, 0));
        assertEquals(List.of(new ImageTask(12, "sub/000000000012.png", List.of(new PersonBox(1, 2, 3, 4, 0.8)))),
                ManifestFixture.tasks(manifest));
        assertEquals(2, manifest.imagesListed());
    }

    @Test
    void missingFilesNameTheOption() throws IOException {
        assertEquals("Annotation file " + dir.resolve("none.json") + " does not exist; check --annotations.",
                assertThrows(InvalidInputException.class, () -> fixture.read(dir,
                        Optional.of(dir.resolve("none.json").toString()), BoxSource.GroundTruth.official())).getMessage());
        assertEquals("Detections file " + dir.resolve("none.json") + " does not exist; check --boxes.",
                assertThrows(InvalidInputException.class, () -> fixture.read(dir,
                        Optional.of(groundTruth()), new BoxSource.Detections(dir.resolve("none.json").toString(), 0)))
                        .getMessage());
    }
}
