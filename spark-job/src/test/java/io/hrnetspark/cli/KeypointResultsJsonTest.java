package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.PersonPose;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeypointResultsJsonTest {

    @TempDir
    Path dir;

    @Test
    void writesCocoKeypointResultsInOrder() throws IOException {
        PersonBox box = new PersonBox(1, 2, 3, 4, 0.5);
        List<PersonPose> poses = List.of(
                new PersonPose(box, new float[][] {{1.5f, 2.25f, 0.75f}, {3f, 4f, 0.125f}}, 0.375),
                new PersonPose(box, new float[][] {{5f, 6f, 0.5f}, {7f, 8f, 0f}}, 0.25));
        Path file = dir.resolve("preds.json");
        KeypointResultsJson.write(file, 42, poses);

        JsonNode results = new ObjectMapper().readTree(file.toFile());
        assertEquals(2, results.size());
        JsonNode first = results.get(0);
        assertEquals(42, first.get("image_id").asLong());
        assertEquals(1, first.get("category_id").asInt());
        assertEquals(0.375, first.get("score").asDouble());
        double[] expected = {1.5, 2.25, 0.75, 3, 4, 0.125};
        assertEquals(expected.length, first.get("keypoints").size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], first.get("keypoints").get(i).asDouble());
        }
        assertEquals(0.25, results.get(1).get("score").asDouble());
        assertEquals(List.of(file), Files.list(dir).toList(), "no partial file is left behind");
    }

    @Test
    void unwritableOutputIsOneSentence() {
        Path file = dir.resolve("missing-dir").resolve("preds.json");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KeypointResultsJson.write(file, 0, List.of()));
        assertEquals(true, e.getMessage().startsWith("Output file " + file + " cannot be written ("), e.getMessage());
    }
}
