package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void imageIdIsTheNumberEndingTheFileName() {
        assertEquals(397133L, ImageFolder.imageId("val2017/000000397133.jpg"));
        assertEquals(42L, ImageFolder.imageId("COCO_val2014_000000000042.jpg"));
        assertEquals(7L, ImageFolder.imageId("7.png"));
        assertNull(ImageFolder.imageId("sub/photo.png"));
        assertNull(ImageFolder.imageId("12345678901234567890.png"));
        assertTrue(ImageFolder.isImageName("a.JPEG"));
        assertFalse(ImageFolder.isImageName("notes.txt"));
        assertFalse(ImageFolder.isImageName(".png"));
    }

    @Test
    void listsImagesRecursivelyRelativeToTheRoot() throws IOException {
        Files.createDirectories(dir.resolve("images/sub"));
        Files.write(dir.resolve("images/000000000001.jpg"), new byte[1]);
        Files.write(dir.resolve("images/sub/2.png"), new byte[1]);
        Files.write(dir.resolve("images/sub/cover.png"), new byte[1]);
        Files.write(dir.resolve("images/readme.txt"), new byte[1]);
        ManifestFixture fixture = new ManifestFixture(dir);
        String detections = fixture.write("det.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.8},
                 {"image_id": 2, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.8}]""");
        Manifest manifest = fixture.read(dir.resolve("images"), Optional.empty(),
                new BoxSource.Detections(detections, 0));
        assertEquals(List.of("000000000001.jpg", "sub/2.png"),
                ManifestFixture.tasks(manifest).stream().map(ImageTask::filePath).toList());
        assertEquals(3, manifest.imagesListed(), "image files, with or without a number");
    }

    @Test
    void twoImagesWithOneIdOrAMissingFolderAreErrors() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/1.jpg"), new byte[1]);
        Files.write(dir.resolve("images/0001.png"), new byte[1]);
        ManifestFixture fixture = new ManifestFixture(dir);
        BoxSource.Detections detections = new BoxSource.Detections(fixture.write("det.json", "[]"), 0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fixture.read(dir.resolve("images"), Optional.empty(), detections));
        assertTrue(e.getMessage().matches("Images 0001\\.png and 1\\.jpg under .* both have image id 1; "
                + "give every image a distinct number in its file name\\."), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> fixture.read(dir.resolve("nothing"), Optional.empty(), detections));
        assertTrue(e.getMessage().endsWith("nothing does not exist; check --images."), e.getMessage());
    }
}
