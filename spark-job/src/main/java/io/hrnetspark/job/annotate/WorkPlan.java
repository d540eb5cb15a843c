package io.hrnetspark.job.annotate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.ManifestTable;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The images a run still has to do, found by a join (never a driver-side set), numbered in image-id
 * order and staged as Parquet, so that any range of them is read back as one chunk without holding
 * the whole list anywhere.
 */
final class WorkPlan {

    private static final String POSITION = "position";
    private static final StructType SCHEMA = new StructType()
            .add(POSITION, DataTypes.LongType, false)
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("boxes", DataTypes.createArrayType(ManifestTable.BOX, false), false);

    private final SparkSession spark;
    private final Path location;
    private final long images;
    private final long boxes;

    private WorkPlan(SparkSession spark, Path location, long images, long boxes) {
        this.spark = spark;
        this.location = location;
        this.images = images;
        this.boxes = boxes;
    }

    /**
     * @param manifest rows of {@link ManifestTable#SCHEMA}
     * @param done     ids (column {@code image_id}) to leave out
     */
    static WorkPlan stage(SparkSession spark, Dataset<Row> manifest, Dataset<Row> done, Path location) {
        JavaRDD<Row> numbered = manifest.join(done, manifest.col("image_id").equalTo(done.col("image_id")), "left_anti")
                .select("image_id", "file_path", "boxes")
                .sort("image_id")
                .javaRDD()
                .zipWithIndex()
                .map(pair -> RowFactory.create(pair._2(), pair._1().getLong(0), pair._1().getString(1),
                        pair._1().getList(2).toArray(new Row[0])));
        spark.createDataFrame(numbered, SCHEMA).write().mode(SaveMode.Overwrite).parquet(location.toString());
        Row totals = spark.read().parquet(location.toString())
                .agg(org.apache.spark.sql.functions.count("*"), sum(size(col("boxes")))).head();
        return new WorkPlan(spark, location, totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1));
    }

    long images() {
        return images;
    }

    long boxes() {
        return boxes;
    }

    /** The work items at positions {@code [from, to)}, in image-id order. */
    List<ImageTask> range(long from, long to) {
        return spark.read().parquet(location.toString())
                .where(col(POSITION).geq(from).and(col(POSITION).lt(to)))
                .orderBy(POSITION)
                .collectAsList().stream().map(ManifestTable::task).toList();
    }
}
