package io.hrnetspark.job.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoJson;
import java.io.InputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Person boxes from a detection results file in COCO format (a JSON list of
 * {@code {"image_id", "category_id", "bbox": [x, y, w, h], "score"}}), kept as the official
 * top-down test path does ({@code COCODataset._load_coco_person_detection_results}): category 1,
 * score at or above the threshold, box unchanged, file order within an image. The file is read as a
 * stream into staged rows.
 */
final class DetectionResults {

    private static final int PERSON = 1;

    /** The detections as read. */
    static final StructType DETECTIONS = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("seq", DataTypes.LongType, false)
            .add("category_id", DataTypes.IntegerType, false)
            .add("bbox", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("score", DataTypes.DoubleType, false);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Detection(Long imageId, Integer categoryId, double[] bbox, Double score) {
    }

    private DetectionResults() {
    }

    static void stage(InputStream in, String name, StagedRows detections) {
        long[] seq = {0};
        CocoJson.streamArray(in, new CocoJson.Elements<>(Detection.class, d -> {
            long i = seq[0]++;
            if (d == null || d.imageId() == null || d.categoryId() == null || d.score() == null) {
                throw new InvalidInputException("Detection " + i + " in " + name
                        + " lacks one of image_id, category_id, score; COCO detection results need all of them.");
            }
            if (!Double.isFinite(d.score())) {
                throw new InvalidInputException("Detection " + i + " in " + name + " has score " + d.score()
                        + ", not a finite number; fix the detector's output (scores are usually between 0 and 1).");
            }
            if (d.bbox() == null || d.bbox().length != 4) {
                throw new InvalidInputException("Detection " + i + " in " + name
                        + " has no 4-number bbox; a COCO bbox is [x, y, width, height].");
            }
            detections.add(RowFactory.create(d.imageId(), i, d.categoryId(), d.bbox(), d.score()));
        }), "Detections file " + name, "COCO detection results");
    }

    /** The person boxes ({@link ManifestImages#BOXES}) at or above the score threshold. */
    static Dataset<Row> personBoxes(Dataset<Row> detections, double scoreThreshold) {
        return detections.where(col("category_id").equalTo(lit(PERSON)).and(col("score").geq(scoreThreshold)))
                .select(col("image_id"), col("seq"), element_at(col("bbox"), 1).as("x"),
                        element_at(col("bbox"), 2).as("y"), element_at(col("bbox"), 3).as("width"),
                        element_at(col("bbox"), 4).as("height"), col("score"));
    }
}
