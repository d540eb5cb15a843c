package io.hrnetspark.job.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The staged parts of a manifest: the images listed and the person boxes chosen, one row each, and
 * how they become work items (one per image with boxes, boxes in file order).
 */
final class ManifestImages {

    /** Listed images; width and height are null for an image folder. */
    static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("width", DataTypes.IntegerType, true)
            .add("height", DataTypes.IntegerType, true);

    /** Person boxes; {@code seq} is the box's position in its file, which orders an image's boxes. */
    static final StructType BOXES = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("seq", DataTypes.LongType, false)
            .add("x", DataTypes.DoubleType, false)
            .add("y", DataTypes.DoubleType, false)
            .add("width", DataTypes.DoubleType, false)
            .add("height", DataTypes.DoubleType, false)
            .add("score", DataTypes.DoubleType, false);

    private ManifestImages() {
    }

    /** Work items ({@link ManifestTable#SCHEMA}): each listed image with boxes, its boxes indexed in file order. */
    static Dataset<Row> tasks(Dataset<Row> images, Dataset<Row> boxes) {
        Dataset<Row> grouped = boxes.groupBy("image_id")
                .agg(sort_array(collect_list(struct(col("seq"), col("x"), col("y"), col("width"), col("height"),
                        col("score")))).as("sorted"))
                .select(col("image_id"), transform(col("sorted"), (box, i) -> struct(i.as("index"),
                        box.getField("x").as("x"), box.getField("y").as("y"), box.getField("width").as("width"),
                        box.getField("height").as("height"), box.getField("score").as("score"))).as("boxes"));
        return images.select("image_id", "file_path").join(grouped, "image_id")
                .select("image_id", "file_path", "boxes");
    }
}
