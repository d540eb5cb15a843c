package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.pose.PersonBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonBoxesJsonTest {

    @TempDir
    Path dir;

    @Test
    void readsBoxesAndScoresInFileOrder() throws IOException {
        Path file = write("[{\"bbox\": [20, 12.5, 345, 500], \"score\": 0.9, \"image_id\": 7},"
                + " {\"bbox\": [-60, 250, 300, 400], \"score\": 1}]");
        assertEquals(List.of(new PersonBox(20, 12.5, 345, 500, 0.9), new PersonBox(-60, 250, 300, 400, 1.0)),
                PersonBoxesJson.read(file));
    }

    @Test
    void malformedJsonIsOneSentenceNamingTheFile() throws IOException {
        Path file = write("[{\"bbox\": [1, 2, 3, 4]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertTrue(e.getMessage().startsWith("Boxes file " + file + " is not valid JSON at line 1, column 23 ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("fix or re-export the boxes as a JSON list of {\"bbox\": [x, y, w, h],"
                + " \"score\": s} objects."), e.getMessage());
    }

    @Test
    void notAListIsRefused() throws IOException {
        Path file = write("{\"bbox\": [1, 2, 3, 4]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertEquals("Boxes file " + file + " must hold a JSON list of {\"bbox\": [x, y, w, h], \"score\": s} objects.",
                e.getMessage());
    }

    @Test
    void boxWithoutFourNumbersIsRefusedByIndex() throws IOException {
        Path file = write("[{\"bbox\": [1, 2, 3, 4], \"score\": 1}, {\"bbox\": [1, 2, \"3\", 4], \"score\": 1}]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertEquals("Box at index 1 in " + file + " needs \"bbox\": [x, y, w, h] with four numbers.", e.getMessage());
    }

    @Test
    void zeroWidthBoxIsRefusedByIndex() throws IOException {
        Path file = write("[{\"bbox\": [10, 20, 0, 40], \"score\": 1}]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertEquals("Box at index 0 in " + file + " has zero or negative size (bbox [10,20,0,40]): "
                + "give a width and height above 0.", e.getMessage());
    }

    @Test
    void nonNumericScoreIsRefused() throws IOException {
        Path file = write("[{\"bbox\": [10, 20, 30, 40], \"score\": \"high\"}]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertEquals("Box at index 0 in " + file + " has a non-numeric \"score\" (\"high\"): give a number.",
                e.getMessage());
    }

    @Test
    void missingScoreIsRefusedAsInEveryCocoResultsInput() throws IOException {
        Path file = write("[{\"bbox\": [10, 20, 30, 40]}]");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertEquals("Box at index 0 in " + file + " has no \"score\"; COCO detection results need one, as annotate's"
                + " detections and evaluate's results do (give 1 for a box you trust).", e.getMessage());
    }

    @Test
    void missingFileIsRefused() {
        Path file = dir.resolve("none.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonBoxesJson.read(file));
        assertEquals("Boxes file " + file + " does not exist: check the path.", e.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("boxes.json");
        Files.writeString(file, content);
        return file;
    }
}
