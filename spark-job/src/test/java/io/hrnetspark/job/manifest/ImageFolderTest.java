package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    private final HadoopStorage storage = new HadoopStorage(new Configuration());

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
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("000000000001.jpg"), new byte[1]);
        Files.write(dir.resolve("sub/2.png"), new byte[1]);
        Files.write(dir.resolve("sub/cover.png"), new byte[1]);
        Files.write(dir.resolve("readme.txt"), new byte[1]);
        ImageFolder folder = ImageFolder.list(storage, storage.qualified(dir.toString()));
        assertEquals(Map.of(1L, "000000000001.jpg", 2L, "sub/2.png"), folder.imagesById());
        assertEquals(3, folder.imageFiles());
    }

    @Test
    void twoImagesWithOneIdOrAMissingFolderAreErrors() throws IOException {
        Files.write(dir.resolve("1.jpg"), new byte[1]);
        Files.write(dir.resolve("0001.png"), new byte[1]);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageFolder.list(storage, storage.qualified(dir.toString())));
        assertTrue(e.getMessage().matches("Images 0001\\.png and 1\\.jpg under .* both have image id 1; "
                + "give every image a distinct number in its file name\\."), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> ImageFolder.list(storage, storage.qualified(dir.resolve("nothing").toString())));
        assertTrue(e.getMessage().endsWith("nothing does not exist; check --images."), e.getMessage());
    }
}
