package io.hrnetspark.job.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams the elements of a COCO-style JSON file (snake_case keys, unknown keys ignored) one at a time,
 * so a file of any size is read in bounded memory; syntax errors are one sentence with line and column.
 */
final class CocoJsonStream {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);

    /** What to do with the elements of one array. */
    record Elements<T>(Class<T> type, Consumer<T> each) {
    }

    private final String what;
    private final String name;

    /** @param what how the file is named in messages, e.g. "Annotation file" */
    CocoJsonStream(String what, String name) {
        this.what = what;
        this.name = name;
    }

    /**
     * Reads a top-level object, handing the elements of each array field in {@code fields} to its handler
     * (elements of other fields are skipped).
     *
     * @return the names of the top-level fields present
     */
    Set<String> readObject(InputStream in, Map<String, Elements<?>> fields) {
        java.util.Set<String> present = new java.util.LinkedHashSet<>();
        try (JsonParser parser = MAPPER.createParser(in)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                present.add(field);
                JsonToken value = parser.nextToken();
                Elements<?> elements = fields.get(field);
                if (elements == null) {
                    parser.skipChildren();
                } else {
                    expect(parser, value, JsonToken.START_ARRAY, "a list under \"" + field + "\"");
                    readElements(parser, elements);
                }
            }
            return present;
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    /** Reads a top-level array, handing each element to the handler. */
    <T> void readArray(InputStream in, Elements<T> elements) {
        try (JsonParser parser = MAPPER.createParser(in)) {
            expect(parser, parser.nextToken(), JsonToken.START_ARRAY, "a JSON list");
            readElements(parser, elements);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private <T> void readElements(JsonParser parser, Elements<T> elements) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new InvalidInputException(what + " " + name + " ends in the middle of a list; it is truncated.");
            }
            elements.each().accept(MAPPER.readValue(parser, elements.type()));
        }
    }

    private void expect(JsonParser parser, JsonToken actual, JsonToken expected, String description) {
        if (actual != expected) {
            JsonLocation at = parser.currentLocation();
            throw new InvalidInputException(what + " " + name + " is not valid COCO JSON at line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + " (expected " + description + ").");
        }
    }

    private InvalidInputException invalid(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = e.getOriginalMessage().lines().findFirst().orElse("").trim();
        return new InvalidInputException(what + " " + name + " is not valid COCO JSON" + where + " (" + reason + ").", e);
    }
}
