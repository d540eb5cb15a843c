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

class CocoGroundTruthTest {

    @TempDir
    Path dir;
    private ManifestFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new ManifestFixture(dir);
    }

    private static final String IMAGES = """
            "images": [{"id": 7, "file_name": "a/000007.jpg", "width": 100, "height": 80},
                       {"id": 3, "file_name": "000003.jpg", "width": 50, "height": 50}]
            """;

    private String message(String json) {
        return assertThrows(InvalidInputException.class, () -> fixture.groundTruth(json)).getMessage();
    }

    @Test
    void keepsUsablePersonBoxesClippedAsTheOfficialTestPath() {
        Manifest gt = fixture.groundTruth("{" + IMAGES + """
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
                   "keypoints": [1, 1, 1]},
                  {"id": 8, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 4, "bbox": [1, 2, 3, 4],
                   "keypoints": [1, 1, 1]}
                ]}""");
        assertEquals(List.of(
                // no area or keypoints fields: not filtered on them
                new ImageTask(3, "000003.jpg", List.of(new PersonBox(10.5, 20.25, 4, 5, 1.0))),
                // x1 = max(0, -5) = 0; x2 = min(99, 0 + 29) = 29; y2 = min(79, 10 + 199) = 79; then annotation 8
                new ImageTask(7, "a/000007.jpg", List.of(new PersonBox(0, 10, 29, 69, 1.0),
                        new PersonBox(1, 2, 2, 3, 1.0)))), ManifestFixture.tasks(gt));
        // crowd, other category, no labelled keypoint, zero area, box right of the image
        assertEquals(5, gt.boxesSkipped());
        assertEquals(2, gt.imagesListed());
    }

    @Test
    void gtAllTakesEveryNonCrowdPersonBoxWithOrWithoutKeypoints() {
        String json = "{" + IMAGES + """
                , "annotations": [
                  {"id": 1, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 10, "bbox": [1, 2, 3, 4],
                   "keypoints": [0, 0, 0]},
                  {"id": 2, "image_id": 7, "category_id": 1, "iscrowd": 1, "area": 10, "bbox": [0, 0, 5, 5]},
                  {"id": 3, "image_id": 3, "category_id": 1, "iscrowd": 0, "area": 10, "bbox": [5, 6, 7, 8],
                   "keypoints": [0, 0, 0]}
                ]}""";
        Manifest official = fixture.groundTruth(json);
        assertEquals(0, official.taskCount(), "no person has a labelled keypoint");
        assertEquals(2, official.imagesWithoutBoxes());
        Manifest all = fixture.read(dir, Optional.of(fixture.write("gt-all.json", json)), new BoxSource.GroundTruth(true));
        assertEquals(List.of(new ImageTask(3, "000003.jpg", List.of(new PersonBox(5, 6, 6, 7, 1.0))),
                new ImageTask(7, "a/000007.jpg", List.of(new PersonBox(1, 2, 2, 3, 1.0)))), ManifestFixture.tasks(all));
        assertEquals(1, all.boxesSkipped(), "the crowd region");
    }

    @Test
    void imagesWithoutAnnotationsHaveNoBoxes() {
        Manifest gt = fixture.groundTruth("{" + IMAGES + "}");
        assertEquals(2, gt.imagesListed());
        assertEquals(2, gt.imagesWithoutBoxes());
        assertEquals(0, gt.taskCount());
    }

    @Test
    void malformedJsonNamesFileAndPosition() {
        String message = message("{\"images\": [{\"id\": 1,, }]}");
        assertTrue(message.startsWith("Annotation file " + fixture.path("gt.json")
                + " is not valid JSON at line 1, column "), message);
        assertTrue(message.endsWith("); fix or re-export the COCO annotation file."), message);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedByItsPath() {
        String message = message("{\"images\": [{\"id\": 1, \"file_name\": \"1.png\", \"width\": 4, \"height\": 3},"
                + " {\"id\": \"two\"}]}");
        assertTrue(message.startsWith("Annotation file " + fixture.path("gt.json") + " is not a valid COCO annotation"
                + " file: field images[1].id at line 1, column "), message);
    }

    @Test
    void wrongStructureIsOneSentence() {
        assertEquals("Annotation file " + fixture.path("gt.json") + " is not valid JSON at line 1, column 13"
                + " (expected a list under \"images\"); fix or re-export the COCO annotation file.",
                message("{\"images\": 5}"));
        assertEquals("Annotation file " + fixture.path("gt.json") + " is not valid JSON at line 1, column 2"
                + " (expected a JSON object); fix or re-export the COCO annotation file.", message("[]"));
        assertEquals("Annotation file " + fixture.path("gt.json") + " has no \"images\" list; pass a COCO annotation"
                + " file (e.g. person_keypoints_val2017.json).", message("{\"annotations\": []}"));
    }

    @Test
    void incompleteImageEntryDuplicateIdsAndUnknownImageAreErrors() {
        String gt = fixture.path("gt.json");
        assertEquals("Image entry 0 of annotation file " + gt + " lacks one of id, file_name, width, height;"
                + " every COCO image entry needs all four.",
                message("{\"images\": [{\"id\": 1, \"file_name\": \"x.jpg\"}]}"));
        assertEquals("Annotation file " + gt + " lists image id 1 twice; image ids must be unique.", message("""
                {"images": [{"id": 1, "file_name": "x.jpg", "width": 1, "height": 1},
                            {"id": 1, "file_name": "y.jpg", "width": 1, "height": 1}]}"""));
        assertEquals("An annotation in " + gt + " (id 9) refers to image id 5, which the file's \"images\" list"
                + " does not contain.", message("{" + IMAGES
                + ", \"annotations\": [{\"id\": 9, \"image_id\": 5, \"category_id\": 1, \"bbox\": [0,0,1,1]}]}"));
        assertEquals("Annotation 9 in " + gt + " has no 4-number bbox; a COCO bbox is [x, y, width, height].",
                message("{" + IMAGES
                        + ", \"annotations\": [{\"id\": 9, \"image_id\": 7, \"category_id\": 1, \"bbox\": [0,0,1]}]}"));
    }
}
