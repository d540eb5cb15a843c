package io.hrnetspark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoJson;
import io.hrnetspark.model.pose.PersonBox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A person boxes file: a JSON list of {@code {"bbox": [x, y, w, h], "score": s}} in image pixels
 * (the COCO detection results layout; other keys are ignored; a box without a score is refused, as
 * annotate's detections and evaluate's results are: one policy for every COCO results input).
 */
final class PersonBoxesJson {

    private static final String LAYOUT = "a JSON list of {\"bbox\": [x, y, w, h], \"score\": s} objects";

    private PersonBoxesJson() {
    }

    static List<PersonBox> read(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = CocoJson.read(in, JsonNode.class, "Boxes file " + file, "boxes as " + LAYOUT);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Boxes file " + file + " does not exist: check the path.", e);
        } catch (IOException e) {
            throw new InvalidInputException("Boxes file " + file + " cannot be read (" + e.getMessage()
                    + "): check the path and its permissions.", e);
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException("Boxes file " + file + " must hold " + LAYOUT + ".");
        }
        List<PersonBox> boxes = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            boxes.add(box(root.get(i), i, file));
        }
        return boxes;
    }

    private static PersonBox box(JsonNode entry, int index, Path file) {
        String where = "Box at index " + index + " in " + file;
        JsonNode bbox = entry.get("bbox");
        if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
            throw new InvalidInputException(where + " needs \"bbox\": [x, y, w, h] with four numbers.");
        }
        double[] xywh = new double[4];
        for (int k = 0; k < 4; k++) {
            if (!bbox.get(k).isNumber()) {
                throw new InvalidInputException(where + " needs \"bbox\": [x, y, w, h] with four numbers.");
            }
            xywh[k] = bbox.get(k).asDouble();
        }
        if (xywh[2] <= 0 || xywh[3] <= 0) {
            throw new InvalidInputException(where + " has zero or negative size (bbox " + bbox
                    + "): give a width and height above 0.");
        }
        JsonNode score = entry.get("score");
        if (score == null) {
            throw new InvalidInputException(where + " has no \"score\"; COCO detection results need one, as"
                    + " annotate's detections and evaluate's results do (give 1 for a box you trust).");
        }
        if (!score.isNumber()) {
            throw new InvalidInputException(where + " has a non-numeric \"score\" (" + score + "): give a number.");
        }
        return new PersonBox(xywh[0], xywh[1], xywh[2], xywh[3], score.asDouble());
    }
}
