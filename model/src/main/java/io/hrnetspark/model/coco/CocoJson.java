package io.hrnetspark.model.coco;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Jackson reading of COCO-style JSON inputs (annotations, detections, results, person boxes), whole or
 * streamed element by element, turning parse and type errors into one-sentence messages with line and
 * column: one reader and one message style for every JSON input.
 */
public final class CocoJson {

    // The fast double parser is correctly rounded, like Double.parseDouble, and faster.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false);

    private CocoJson() {
    }

    /** Reads the whole stream as {@code type}; {@code what} names the file in messages. */
    public static <T> T read(InputStream in, Class<T> type, String source, String what) {
        ObjectReader reader = MAPPER.readerFor(type);
        try {
            return reader.readValue(in);
        } catch (JsonProcessingException e) {
            throw invalid(e, source, what);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
    }

    /** What to do with each element of one JSON list, read as {@code type} (null for a JSON null). */
    public record Elements<T>(Class<T> type, Consumer<T> each) {
    }

    /**
     * Streams a top-level object, handing the elements of each list field in {@code fields} to its handler
     * one at a time (other fields are skipped), so that a file of any size is read in bounded memory.
     *
     * @return the names of the top-level fields present
     */
    public static Set<String> streamObject(InputStream in, Map<String, Elements<?>> fields, String source,
                                           String what) {
        Set<String> present = new LinkedHashSet<>();
        try (JsonParser parser = MAPPER.createParser(in)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "a JSON object", source, what);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                present.add(field);
                JsonToken value = parser.nextToken();
                Elements<?> elements = fields.get(field);
                if (elements == null) {
                    parser.skipChildren();
                } else {
                    expect(parser, value, JsonToken.START_ARRAY, "a list under \"" + field + "\"", source, what);
                    streamElements(parser, elements, field, source, what);
                }
            }
            return present;
        } catch (IOException e) {
            throw failure(e, source, what);
        }
    }

    /** Streams a top-level list, handing its elements to the handler one at a time. */
    public static <T> void streamArray(InputStream in, Elements<T> elements, String source, String what) {
        try (JsonParser parser = MAPPER.createParser(in)) {
            expect(parser, parser.nextToken(), JsonToken.START_ARRAY, "a JSON list", source, what);
            streamElements(parser, elements, "", source, what);
        } catch (IOException e) {
            throw failure(e, source, what);
        }
    }

    private static <T> void streamElements(JsonParser parser, Elements<T> elements, String field, String source,
                                           String what) throws IOException {
        for (long i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            T element;
            try {
                element = MAPPER.readValue(parser, elements.type());
            } catch (JsonProcessingException e) {
                throw invalid(e, source, what, field + "[" + i + "].");
            }
            elements.each().accept(element);
        }
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String description,
                               String source, String what) {
        if (actual != expected) {
            JsonLocation at = parser.currentLocation();
            throw new InvalidInputException(source + " is not valid JSON at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + " (expected " + description + "); fix or re-export the " + what + ".");
        }
    }

    private static RuntimeException failure(IOException e, String source, String what) {
        return e instanceof JsonProcessingException processing ? invalid(processing, source, what)
                : new UncheckedIOException("Cannot read " + source, e);
    }

    public static InvalidInputException invalid(JsonProcessingException e, String source, String what) {
        return invalid(e, source, what, "");
    }

    /** As {@link #invalid(JsonProcessingException, String, String)}; {@code prefix} leads the field path. */
    static InvalidInputException invalid(JsonProcessingException e, String source, String what,
                                         String prefix) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        JsonProcessingException syntax = e.getCause() instanceof JsonParseException parse ? parse : e;
        if (syntax instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return new InvalidInputException(source + " is not valid JSON" + where + " ("
                    + brief(syntax.getOriginalMessage()) + "); fix or re-export the " + what + ".", e);
        }
        String field = prefix + path(mapping);
        if (field.endsWith(".")) {
            field = field.substring(0, field.length() - 1);
        }
        return new InvalidInputException(source + " is not a valid " + what + ": field "
                + (field.isEmpty() ? "(top level)" : field) + where + " ("
                + brief(e.getOriginalMessage()) + ").", e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The first clause of a Jackson message, without its source excerpt. */
    private static String brief(String message) {
        if (message == null) {
            return "unreadable content";
        }
        String line = message;
        for (String cut : new String[] {"\n", " (for ", " (start marker", " at [Source"}) {
            int i = line.indexOf(cut);
            if (i >= 0) {
                line = line.substring(0, i);
            }
        }
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
