package io.hrnetspark.model.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading ground truth and {@code loadRes}, including every input the official tools refuse. */
class CocoDatasetTest {

    private static final String GT = """
            {"images": [{"id": 7, "width": 100, "height": 80}, {"id": 3, "width": 50, "height": 40}],
             "annotations": [{"id": 1, "image_id": 7, "category_id": 1, "iscrowd": 0, "area": 10,
                              "bbox": [1, 2, 3, 4]}],
             "categories": [{"id": 5, "name": "b"}, {"id": 1, "name": "a"}]}""";

    private static CocoDataset gt() {
        return CocoDataset.read(stream(GT), "gt.json");
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(Runnable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action::run);
        String message = e.getMessage();
        assertEquals(1, message.split("\\. ").length, "one sentence: " + message);
        assertTrue(message.endsWith("."), message);
        return message;
    }

    @Test
    void groundTruthIdsComeBackSortedAndImagesKeepFileOrder() {
        CocoDataset gt = gt();
        assertArrayEquals(new long[] {3, 7}, gt.sortedImageIds());
        assertArrayEquals(new int[] {1, 5}, gt.sortedCategoryIds());
        assertEquals(7, gt.images().get(0).id());
        assertEquals(80, gt.image(7).height());
        assertEquals(0, gt.annotations().get(0).iscrowd());
    }

    @Test
    void keypointResultsGetPositionIdsAndTheirExtentAsAreaAndBox() {
        CocoDataset res = gt().loadRes(stream("""
                [{"image_id": 7, "category_id": 1, "score": 0.5, "keypoints": [10, 20, 1, 14, 25, 1, 12, 21, 0]},
                 {"image_id": 3, "category_id": 1, "score": 0.4, "keypoints": [1, 1, 1, 1, 1, 1, 1, 1, 1]}]"""),
                "r.json");
        CocoAnnotation first = res.annotations().get(0);
        assertEquals(1L, first.id());
        assertEquals(20.0, first.area());
        assertArrayEquals(new double[] {10, 20, 4, 5}, first.bbox());
        assertEquals(2L, res.annotations().get(1).id());
        assertEquals(0.0, res.annotations().get(1).area());
        assertEquals(2, res.images().size());
    }

    @Test
    void theFirstResultChoosesTheBranchSoKeypointResultsWithABoxUseTheBoxArea() {
        CocoDataset res = gt().loadRes(stream("""
                [{"image_id": 7, "category_id": 1, "score": 0.5, "bbox": [0, 0, 10, 3],
                  "keypoints": [10, 20, 1, 14, 25, 1, 12, 21, 0]},
                 {"image_id": 7, "category_id": 1, "score": 0.5, "bbox": [0, 0, 2, 3],
                  "keypoints": [10, 20, 1, 14, 25, 1, 12, 21, 0]}]"""), "r.json");
        assertEquals(30.0, res.annotations().get(0).area());
        assertEquals(6.0, res.annotations().get(1).area());
        assertEquals(0, res.annotations().get(0).iscrowd());
        // A box result without a mask gets its box as a polygon, as loadRes does.
        assertEquals("[[0.0,0.0,0.0,3.0,10.0,3.0,10.0,0.0]]",
                res.annotations().get(0).segmentation().toString());
    }

    @Test
    void resultsForImagesAbsentFromTheGroundTruthAreRefused() {
        String message = refusal(() -> gt().loadRes(stream("""
                [{"image_id": 7, "category_id": 1, "score": 0.5, "keypoints": [1, 2, 1]},
                 {"image_id": 99, "category_id": 1, "score": 0.5, "keypoints": [1, 2, 1]}]"""), "r.json"));
        assertTrue(message.contains("r.json") && message.contains("99")
                && message.contains("absent from the ground truth gt.json"), message);
    }

    @Test
    void emptyResultsAreRefused() {
        String message = refusal(() -> gt().loadRes(stream("[]"), "r.json"));
        assertEquals("r.json holds no results; there is nothing to evaluate.", message);
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        String message = refusal(() -> gt().loadRes(stream("[{\"image_id\": 7,, }]"), "r.json"));
        assertTrue(message.startsWith("r.json is not valid JSON at line 1, column"), message);
        String gtMessage = refusal(() -> CocoDataset.read(stream("{\"images\": [}"), "gt.json"));
        assertTrue(gtMessage.startsWith("gt.json is not valid JSON"), gtMessage);
    }

    @Test
    void resultsThatAreNotAnArrayAreRefused() {
        String message = refusal(() -> gt().loadRes(stream("{\"image_id\": 7}"), "r.json"));
        assertEquals("r.json must hold a JSON array of result objects, as COCO results files do.",
                message);
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() {
        String message = refusal(() -> gt().loadRes(stream("""
                [{"image_id": 7, "category_id": 1, "score": 0.5, "keypoints": "none"}]"""), "r.json"));
        assertTrue(message.startsWith("r.json is not a valid COCO results file: field [0].keypoints"),
                message);
    }

    @Test
    void resultsWithoutScoreOrWithoutTheFirstResultsFieldAreRefused() {
        assertEquals("r.json: result 1 has no score; every result needs one.", refusal(() ->
                gt().loadRes(stream("[{\"image_id\": 7, \"category_id\": 1, \"keypoints\": [1, 2, 1]}]"),
                        "r.json")));
        String message = refusal(() -> gt().loadRes(stream("""
                [{"image_id": 7, "category_id": 1, "score": 0.5, "keypoints": [1, 2, 1]},
                 {"image_id": 7, "category_id": 1, "score": 0.5}]"""), "r.json"));
        assertTrue(message.startsWith("r.json: result 2 has no keypoints"), message);
        String none = refusal(() -> gt().loadRes(stream("""
                [{"image_id": 7, "category_id": 1, "score": 0.5}]"""), "r.json"));
        assertTrue(none.contains("none of bbox, segmentation or keypoints"), none);
    }

    @Test
    void groundTruthWithoutListsZeroOrDuplicateIdsIsRefused() {
        assertTrue(refusal(() -> CocoDataset.read(stream("{\"images\": [], \"annotations\": []}"),
                "gt.json")).contains("no 'categories' list"));
        assertTrue(refusal(() -> CocoDataset.read(stream(GT.replace("\"id\": 1, \"image_id\"",
                "\"id\": 0, \"image_id\"")), "gt.json")).contains("without a non-zero id"));
        assertTrue(refusal(() -> CocoDataset.read(stream(GT.replace("\"id\": 3,", "\"id\": 7,")),
                "gt.json")).contains("image id 7 twice"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals("File /no/such/gt.json does not exist; check the path.",
                refusal(() -> CocoDataset.load(Path.of("/no/such/gt.json"))));
    }
}
