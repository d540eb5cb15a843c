package io.hrnetspark.job.export;

import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a masks table as a COCO segmentation results file, the list pycocotools' {@code COCO.loadRes}
 * reads: {@code {"image_id", "category_id", "segmentation": {"size": [h, w], "counts": "..."}, "score": 1}}
 * per image and class, ordered by image id and class. {@code category_id} is the class index (Cityscapes
 * train id, LIP label); semantic segmentation has no confidence per mask, so every score is 1. The counts are
 * the table's COCO compressed RLE strings as they are; {@code loadRes} computes area and box from them.
 */
public final class CocoMaskResultsExport {

    static final List<String> COLUMNS = List.of("image_id", "category_id", "segmentation");

    private CocoMaskResultsExport() {
    }

    /** Streams the results to {@code out} (not closed); returns the number of results written. */
    public static long write(Dataset<Row> masks, String location, OutputStream out) throws IOException {
        List<String> columns = Arrays.asList(masks.columns());
        for (String column : COLUMNS) {
            if (!columns.contains(column)) {
                throw new InvalidInputException(location + " has no '" + column + "' column; give the masks table"
                        + " of a segmentation annotate run.");
            }
        }
        Iterator<Row> rows = masks.select("image_id", "category_id", "segmentation")
                .orderBy("image_id", "category_id").toLocalIterator();
        return ResultsList.write(rows, out, (row, json) -> {
            Row segmentation = row.getStruct(2);
            List<Integer> size = segmentation.getList(segmentation.fieldIndex("size"));
            json.writeNumberField("image_id", row.getLong(0));
            json.writeNumberField("category_id", row.getInt(1));
            json.writeObjectFieldStart("segmentation");
            json.writeArrayFieldStart("size");
            for (int value : size) {
                json.writeNumber(value);
            }
            json.writeEndArray();
            json.writeStringField("counts", segmentation.getString(segmentation.fieldIndex("counts")));
            json.writeEndObject();
            json.writeNumberField("score", 1);
        });
    }
}
