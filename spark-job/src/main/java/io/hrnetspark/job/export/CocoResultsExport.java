package io.hrnetspark.job.export;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes predictions as a COCO keypoint results file, the list pycocotools' {@code COCO.loadRes}
 * reads: {@code {"image_id", "category_id": 1, "keypoints": [x1, y1, s1, ...], "score"}} per person,
 * ordered by image id and person index. Like the official evaluation, only the persons OKS-NMS kept
 * are written unless asked otherwise.
 */
public final class CocoResultsExport {

    public static final int PERSON_CATEGORY = 1;

    private CocoResultsExport() {
    }

    /** Streams the results to {@code out} (not closed); returns the number of results written. */
    public static long write(Dataset<Row> predictions, boolean keptOnly, OutputStream out) throws IOException {
        Dataset<Row> selected = keptOnly ? predictions.where(col("nms_kept")) : predictions;
        Iterator<Row> rows = selected.select("image_id", "keypoints", "score")
                .orderBy("image_id", "person_index").toLocalIterator();
        return ResultsList.write(rows, out, (row, json) -> {
            json.writeNumberField("image_id", row.getLong(0));
            json.writeNumberField("category_id", PERSON_CATEGORY);
            json.writeArrayFieldStart("keypoints");
            List<Row> keypoints = row.getList(1);
            for (Row keypoint : keypoints) {
                json.writeNumber(keypoint.getFloat(0));
                json.writeNumber(keypoint.getFloat(1));
                json.writeNumber(keypoint.getFloat(2));
            }
            json.writeEndArray();
            json.writeNumberField("score", row.getDouble(2));
        });
    }
}
