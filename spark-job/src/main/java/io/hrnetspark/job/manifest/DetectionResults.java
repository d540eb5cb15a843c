package io.hrnetspark.job.manifest;

import io.hrnetspark.model.InvalidInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Person boxes from a detection results file in COCO format (a JSON list of
 * {@code {"image_id", "category_id", "bbox": [x, y, w, h], "score"}}), kept as the official
 * top-down test path does ({@code COCODataset._load_coco_person_detection_results}): category 1,
 * score at or above the threshold, box unchanged, file order within an image.
 *
 * @param boxes        person boxes by image id, in file order of the images' first detection
 * @param boxesSkipped detections of other categories or under the threshold
 */
public record DetectionResults(Map<Long, List<TaskBox>> boxes, long boxesSkipped) {

    private static final int PERSON = 1;

    record Detection(Long imageId, Integer categoryId, double[] bbox, Double score) {
    }

    public static DetectionResults read(InputStream in, String name, double scoreThreshold) {
        Detection[] detections = ManifestJson.read(in, "Detections file", name, Detection[].class);
        Map<Long, List<TaskBox>> boxes = new LinkedHashMap<>();
        long skipped = 0;
        for (int i = 0; i < detections.length; i++) {
            Detection d = detections[i];
            if (d == null || d.imageId() == null || d.categoryId() == null || d.score() == null) {
                throw new InvalidInputException("Detection " + i + " in " + name
                        + " lacks one of image_id, category_id, score; COCO detection results need all of them.");
            }
            if (!Double.isFinite(d.score())) {
                throw new InvalidInputException("Detection " + i + " in " + name + " has score " + d.score()
                        + ", not a finite number; fix the detector's output (scores are usually between 0 and 1).");
            }
            if (d.bbox() == null || d.bbox().length != 4) {
                throw new InvalidInputException("Detection " + i + " in " + name
                        + " has no 4-number bbox; a COCO bbox is [x, y, width, height].");
            }
            if (d.categoryId() != PERSON || d.score() < scoreThreshold) {
                skipped++;
                continue;
            }
            List<TaskBox> imageBoxes = boxes.computeIfAbsent(d.imageId(), id -> new ArrayList<>());
            double[] b = d.bbox();
            imageBoxes.add(new TaskBox(imageBoxes.size(), b[0], b[1], b[2], b[3], d.score()));
        }
        return new DetectionResults(boxes, skipped);
    }
}
