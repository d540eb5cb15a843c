package io.hrnetspark.job.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/** Streams rows (Spark rows or records) as a JSON list of objects, one object per row, as COCO results files are. */
final class ResultsList {

    /** Writes the fields of one row's object. */
    @FunctionalInterface
    interface Fields<T> {
        void write(T row, JsonGenerator json) throws IOException;
    }

    private ResultsList() {
    }

    /** Writes the list to {@code out} (not closed); returns the number of objects written. */
    static <T> long write(Iterator<T> rows, OutputStream out, Fields<T> fields) throws IOException {
        long written = 0;
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartArray();
            while (rows.hasNext()) {
                json.writeStartObject();
                fields.write(rows.next(), json);
                json.writeEndObject();
                written++;
            }
            json.writeEndArray();
        }
        return written;
    }
}
