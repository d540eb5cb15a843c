package io.hrnetspark.job.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the manifest's COCO-style JSON files (snake_case keys, unknown keys ignored) with one-sentence errors. */
final class ManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);

    private ManifestJson() {
    }

    /** @param what how the file is named in messages, e.g. "Annotation file" */
    static <T> T read(InputStream in, String what, String name, Class<T> type) {
        try {
            T value = MAPPER.readValue(in, type);
            if (value == null) {
                throw new InvalidInputException(what + " " + name + " holds JSON null instead of COCO data.");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").trim();
            throw new InvalidInputException(what + " " + name + " is not valid COCO JSON" + where + " (" + reason + ").", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
