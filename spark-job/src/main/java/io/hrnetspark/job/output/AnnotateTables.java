package io.hrnetspark.job.output;

import io.hrnetspark.job.table.KeyedTable;
import java.util.List;

/**
 * The Delta tables of an annotate output directory and the columns that identify their rows:
 * {@code results} is {@code predictions} for the pose heads and {@code masks} for segmentation, cut
 * from the staging column {@code resultColumn}.
 */
public record AnnotateTables(KeyedTable results, String resultColumn, KeyedTable errors, KeyedTable images,
                             KeyedTable runs) {

    /** The tables of a pose head (results in {@code predictions}) or of segmentation (in {@code masks}). */
    public static AnnotateTables of(OutputLayout layout, boolean masks) {
        KeyedTable results = masks
                ? new KeyedTable(layout.masks(), MasksTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id", "category_id"), OutputLayout.MODEL_ID)
                : new KeyedTable(layout.predictions(), PredictionsTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id", "person_index"), OutputLayout.MODEL_ID);
        return new AnnotateTables(results, masks ? StagingTable.MASK : StagingTable.PREDICTION,
                new KeyedTable(layout.errors(), ErrorsTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id", "stage", "person_index"), OutputLayout.MODEL_ID),
                new KeyedTable(layout.images(), ImagesTable.SCHEMA,
                        List.of(OutputLayout.MODEL_ID, "image_id"), OutputLayout.MODEL_ID),
                new KeyedTable(layout.runs(), RunTable.SCHEMA, List.of("run_id"), null));
    }
}
