package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoGroundTruthTest {

    private static CocoGroundTruth read(String json) {
        return CocoGroundTruth.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "gt.json");
    }

    private static final String IMAGES = """
            "images": [{"id": 7, "file_name": "a/000007.jpg", "width": 100, "height": 80},
                       {"id": 3, "file_name": "000003.jpg", "width": 50, "height": 50}]
            """;

    @Test
    void keepsUsablePersonBoxesClippedAsTheOfficialTestPath() {
        CocoGroundTruth gt = read("{" + IMAGES + """
                , "annotations": [
                  {"id": 1, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 10, "bbox": [-5, 10, 30, 200],
                   "keypoints": [1, 2, 2]},
                  {"id": 2, "image_id": 7, "category_id": 1, "iscrowd": 1, "area": 10, "bbox": [0, 0, 5, 5],
                   "keypoints": [1, 2, 2]},
                  {"id": 3, "image_id": 7, "category_id": 2, "iscrowd": 0, "area": 10, "bbox": [0, 0, 5, 5]},
                  {"id": 4, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 10, "bbox": [0, 0, 5, 5],
                   "keypoints": [0, 0, 0]},
                  {"id": 5, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 0, "bbox": [0, 0, 5, 5],
                   "keypoints": [1, 1, 1]},
                  {"id": 6, "image_id": 3, "category_id": 1, "iscrowd": 0, "bbox": [10.5, 20.25, 5, 6]},
                  {"id": 7, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 4, "bbox": [120, 10, 5, 5],
                   "keypoints": [1, 1, 1]}
                ]}""");
        assertEquals(List.of(7L, 3L), List.copyOf(gt.images().keySet()));
        assertEquals("a/000007.jpg", gt.images().get(7L));
        // x1 = max(0, -5) = 0; x2 = min(99, 0 + 29) = 29; y2 = min(79, 10 + 199) = 79
        assertEquals(List.of(new TaskBox(0, 0, 10, 29, 69, 1.0)), gt.boxes().get(7L));
        // no area or keypoints fields: not filtered on them
        assertEquals(List.of(new TaskBox(0, 10.5, 20.25, 4, 5, 1.0)), gt.boxes().get(3L));
        // crowd, other category, no labelled keypoint, zero area, box right of the image
        assertEquals(5, gt.boxesSkipped());
    }

    @Test
    void imagesWithoutAnnotationsHaveNoBoxes() {
        CocoGroundTruth gt = read("{" + IMAGES + "}");
        assertEquals(2, gt.images().size());
        assertTrue(gt.boxes().isEmpty());
    }

    @Test
    void malformedJsonNamesFileAndPosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read("{\"images\": [{\"id\": 1,, }]}"));
        assertTrue(e.getMessage().startsWith("Annotation file gt.json is not valid COCO JSON at line 1, column "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(")."), e.getMessage());
    }

    @Test
    void wrongStructureIsOneSentence() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("{\"images\": 5}"));
        assertTrue(e.getMessage().startsWith("Annotation file gt.json is not valid COCO JSON at line 1"), e.getMessage());
    }

    @Test
    void missingImagesListIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("[]"));
        assertTrue(e.getMessage().contains("is not valid COCO JSON"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> read("{\"annotations\": []}"));
        assertEquals("Annotation file gt.json has no \"images\" list; pass a COCO annotation file"
                + " (e.g. person_keypoints_val2017.json).", e.getMessage());
    }

    @Test
    void incompleteImageEntryDuplicateIdsAndUnknownImageAreErrors() {
        assertEquals("Image entry 0 of annotation file gt.json lacks one of id, file_name, width, height;"
                        + " every COCO image entry needs all four.",
                assertThrows(InvalidInputException.class,
                        () -> read("{\"images\": [{\"id\": 1, \"file_name\": \"x.jpg\"}]}")).getMessage());
        assertEquals("Annotation file gt.json lists image id 1 twice; image ids must be unique.",
                assertThrows(InvalidInputException.class, () -> read("""
                        {"images": [{"id": 1, "file_name": "x.jpg", "width": 1, "height": 1},
                                    {"id": 1, "file_name": "y.jpg", "width": 1, "height": 1}]}""")).getMessage());
        assertEquals("An annotation in gt.json (id 9) refers to image id 5, which the file's \"images\" list"
                        + " does not contain.",
                assertThrows(InvalidInputException.class, () -> read("{" + IMAGES
                        + ", \"annotations\": [{\"id\": 9, \"image_id\": 5, \"category_id\": 1, \"bbox\": [0,0,1,1]}]}"))
                        .getMessage());
        assertEquals("Annotation 9 in gt.json has no 4-number bbox; a COCO bbox is [x, y, width, height].",
                assertThrows(InvalidInputException.class, () -> read("{" + IMAGES
                        + ", \"annotations\": [{\"id\": 9, \"image_id\": 7, \"category_id\": 1, \"bbox\": [0,0,1]}]}"))
                        .getMessage());
    }
}
