package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionResultsTest {

    private static DetectionResults read(String json, double threshold) {
        return DetectionResults.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "det.json",
                threshold);
    }

    @Test
    void keepsPersonsAtOrAboveTheThresholdInFileOrder() {
        DetectionResults results = read("""
                [{"image_id": 4, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.9},
                 {"image_id": 4, "category_id": 1, "bbox": [5, 6, 7, 8], "score": 0.5},
                 {"image_id": 2, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.49},
                 {"image_id": 2, "category_id": 3, "bbox": [0, 0, 1, 1], "score": 0.99},
                 {"image_id": 2, "category_id": 1, "bbox": [-10, 5.5, 20, 30], "score": 0.7}]""", 0.5);
        assertEquals(List.of(new TaskBox(0, 1, 2, 3, 4, 0.9), new TaskBox(1, 5, 6, 7, 8, 0.5)),
                results.boxes().get(4L));
        assertEquals(List.of(new TaskBox(0, -10, 5.5, 20, 30, 0.7)), results.boxes().get(2L));
        assertEquals(2, results.boxesSkipped());
    }

    @Test
    void badEntriesAreOneSentence() {
        assertEquals("Detection 1 in det.json lacks one of image_id, category_id, score;"
                        + " COCO detection results need all of them.",
                assertThrows(InvalidInputException.class, () -> read("""
                        [{"image_id": 4, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.9},
                         {"image_id": 4, "bbox": [1, 2, 3, 4], "score": 0.9}]""", 0)).getMessage());
        assertEquals("Detection 0 in det.json has no 4-number bbox; a COCO bbox is [x, y, width, height].",
                assertThrows(InvalidInputException.class, () -> read(
                        "[{\"image_id\": 4, \"category_id\": 1, \"bbox\": [1, 2], \"score\": 0.9}]", 0)).getMessage());
        assertEquals("Detection 0 in det.json has score Infinity, not a finite number; fix the detector's output"
                        + " (scores are usually between 0 and 1).",
                assertThrows(InvalidInputException.class, () -> read(
                        "[{\"image_id\": 4, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1e309}]", 0))
                        .getMessage());
        InvalidInputException notAList = assertThrows(InvalidInputException.class, () -> read("{\"a\": 1}", 0));
        assertEquals(true, notAList.getMessage().startsWith("Detections file det.json is not valid COCO JSON at line 1"),
                notAList.getMessage());
    }
}
