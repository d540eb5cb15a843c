package io.hrnetspark.job.testing;

import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.job.table.KeyedTable;
import io.hrnetspark.model.seg.ClassMask;
import io.hrnetspark.model.seg.LabelMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a {@code masks} Delta table with the columns segmentation annotate writes (one row per image and
 * class present, COCO compressed RLE from {@link LabelMap#classMasks()}), as the project writes its tables.
 */
public final class MasksTableFixture {

    public static final StructType SEGMENTATION = new StructType()
            .add("size", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("counts", DataTypes.StringType, false);

    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("category_id", DataTypes.IntegerType, false)
            .add("class_name", DataTypes.StringType, true)
            .add("segmentation", SEGMENTATION, false)
            .add("area", DataTypes.LongType, false)
            .add("bbox", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("run_id", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false);

    /** One image's predicted label map. */
    public record Image(long imageId, String filePath, LabelMap labels) {
    }

    private MasksTableFixture() {
    }

    /** The rows of the images' masks, leaving out the masks {@code drop} selects. */
    public static List<Row> rows(List<Image> images, IntFunction<String> className, String modelId,
                                 Predicate<long[]> drop) {
        List<Row> rows = new ArrayList<>();
        for (Image image : images) {
            for (ClassMask mask : image.labels().classMasks()) {
                if (drop.test(new long[] {image.imageId(), mask.classId()})) {
                    continue;
                }
                Double[] bbox = new Double[4];
                double[] box = mask.bbox();
                for (int i = 0; i < 4; i++) {
                    bbox[i] = box[i];
                }
                rows.add(RowFactory.create(image.imageId(), image.filePath(), image.labels().width(),
                        image.labels().height(), mask.classId(), className.apply(mask.classId()),
                        RowFactory.create(new Integer[] {mask.mask().height(), mask.mask().width()},
                                mask.compressedCounts()),
                        mask.area(), bbox, "run-1", modelId));
            }
        }
        return rows;
    }

    /** Creates the Delta table at {@code location} as the project creates its tables and appends the rows. */
    public static void write(SparkSession spark, String location, List<Row> rows) {
        KeyedTable table = new KeyedTable(new Path(location), SCHEMA, List.of("model_id", "image_id", "category_id"),
                "model_id");
        new DeltaTables(spark).create(table);
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode("append").save(location);
    }
}
