package io.hrnetspark.job.output;

import io.hrnetspark.job.table.KeyedTable;
import java.util.List;

/** The Delta tables of an annotate output directory and the columns that identify their rows. */
public record AnnotateTables(KeyedTable predictions, KeyedTable errors, KeyedTable images, KeyedTable runs) {

    public static AnnotateTables of(OutputLayout layout) {
        return new AnnotateTables(
                new KeyedTable(layout.predictions(), PredictionsTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id", "person_index"), OutputLayout.MODEL_ID),
                new KeyedTable(layout.errors(), ErrorsTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id", "stage", "person_index"), OutputLayout.MODEL_ID),
                new KeyedTable(layout.images(), ImagesTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id"), OutputLayout.MODEL_ID),
                new KeyedTable(layout.runs(), RunTable.SCHEMA, List.of("run_id"), null));
    }
}
