package io.hrnetspark.model.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hrnetspark.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CocoJsonTest {

    record Entry(@JsonProperty("id") long id) {
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamsTheElementsOfTheNamedListsAndSkipsTheRest() {
        List<Long> ids = new ArrayList<>();
        Set<String> fields = CocoJson.streamObject(json("{\"info\": {\"x\": [1]}, \"images\": [{\"id\": 3}, {\"id\": 4}]}"),
                Map.of("images", new CocoJson.Elements<>(Entry.class, e -> ids.add(e.id()))), "f.json", "test file");
        assertEquals(List.of(3L, 4L), ids);
        assertEquals(Set.of("info", "images"), fields);
    }

    @Test
    void streamedAndWholeFilesFailInTheSameWords() {
        String whole = assertThrows(InvalidInputException.class,
                () -> CocoJson.read(json("[{\"id\": 3},,]"), Entry[].class, "f.json", "test file")).getMessage();
        String streamed = assertThrows(InvalidInputException.class, () -> CocoJson.streamArray(json("[{\"id\": 3},,]"),
                new CocoJson.Elements<>(Entry.class, e -> { }), "f.json", "test file")).getMessage();
        assertEquals(whole, streamed);
        assertEquals("f.json is not valid JSON at line 1, column 13 (Unexpected character (',' (code 44)): expected a"
                + " value); fix or re-export the test file.", streamed);
    }

    @Test
    void aStreamedElementOfTheWrongTypeIsNamedByItsPath() {
        String message = assertThrows(InvalidInputException.class, () -> CocoJson.streamObject(
                json("{\"images\": [{\"id\": 3}, {\"id\": \"x\"}]}"),
                Map.of("images", new CocoJson.Elements<>(Entry.class, e -> { })), "f.json", "test file")).getMessage();
        assertEquals("f.json is not a valid test file: field images[1].id at line 1, column 31 (Cannot deserialize"
                + " value of type `long` from String \"x\": not a valid `long` value).", message);
    }

    @Test
    void aTruncatedFileSaysWhereItEnds() {
        assertEquals("f.json is not valid JSON at line 1, column 11 (Unexpected end-of-input: expected close marker"
                + " for Array); fix or re-export the test file.", assertThrows(InvalidInputException.class,
                () -> CocoJson.streamArray(json("[{\"id\": 3}"), new CocoJson.Elements<>(Entry.class, e -> { }),
                        "f.json", "test file")).getMessage());
    }
}
