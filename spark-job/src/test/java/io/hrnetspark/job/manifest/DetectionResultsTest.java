package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.pose.PersonBox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionResultsTest {

    @TempDir
    Path dir;
    private ManifestFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ManifestFixture(dir);
    }

    private Manifest read(String json, double threshold) {
        String gt = fixture.write("gt.json", """
                {"images": [{"id": 4, "file_name": "4.jpg", "width": 9, "height": 9},
                            {"id": 2, "file_name": "2.jpg", "width": 9, "height": 9}]}""");
        return fixture.read(dir, Optional.of(gt), new BoxSource.Detections(fixture.write("det.json", json), threshold));
    }

    private String message(String json) {
        return assertThrows(InvalidInputException.class, () -> read(json, 0)).getMessage();
    }

    @Test
    void keepsPersonsAtOrAboveTheThresholdInFileOrder() {
        Manifest results = read("""
                [{"image_id": 4, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.9},
                 {"image_id": 4, "category_id": 1, "bbox": [5, 6, 7, 8], "score": 0.5},
                 {"image_id": 2, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.49},
                 {"image_id": 2, "category_id": 3, "bbox": [0, 0, 1, 1], "score": 0.99},
                 {"image_id": 2, "category_id": 1, "bbox": [-10, 5.5, 20, 30], "score": 0.7}]""", 0.5);
        assertEquals(List.of(
                new ImageTask(2, "2.jpg", List.of(new PersonBox(-10, 5.5, 20, 30, 0.7))),
                new ImageTask(4, "4.jpg", List.of(new PersonBox(1, 2, 3, 4, 0.9), new PersonBox(5, 6, 7, 8, 0.5)))),
                ManifestFixture.tasks(results));
        assertEquals(2, results.boxesSkipped());
    }

    @Test
    void badEntriesAreOneSentence() {
        String det = fixture.path("det.json");
        assertEquals("Detection 1 in " + det + " lacks one of image_id, category_id, score;"
                + " COCO detection results need all of them.", message("""
                [{"image_id": 4, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.9},
                 {"image_id": 4, "bbox": [1, 2, 3, 4], "score": 0.9}]"""));
        assertEquals("Detection 0 in " + det + " has no 4-number bbox; a COCO bbox is [x, y, width, height].",
                message("[{\"image_id\": 4, \"category_id\": 1, \"bbox\": [1, 2], \"score\": 0.9}]"));
        assertEquals("Detection 0 in " + det + " has score Infinity, not a finite number; fix the detector's output"
                + " (scores are usually between 0 and 1).",
                message("[{\"image_id\": 4, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1e309}]"));
        String notAList = message("{\"a\": 1}");
        assertEquals("Detections file " + det + " is not valid JSON at line 1, column 2 (expected a JSON list); fix or"
                + " re-export the COCO detection results.", notAList);
    }
}
