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
 * The images a run still has to do, found by a join (never a driver-side set), in image-id order. A
 * manifest of at most {@link #IN_MEMORY} images is held on the driver as it is; larger ones are
 * numbered and staged as Parquet, so that any range of them is read back as one chunk without holding
 * the whole list anywhere.
 */
abstract class WorkPlan {

    /** Manifests up to this size are planned on the driver: staging them would cost a small run seconds. */
    static final long IN_MEMORY = 10_000;

    private static final String POSITION = "position";
    private static final StructType SCHEMA = new StructType()
            .add(POSITION, DataTypes.LongType, false)
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("boxes", DataTypes.createArrayType(ManifestTable.BOX, false), false);

    /**
     * @param manifest      rows of {@link ManifestTable#SCHEMA}
     * @param manifestItems how many rows {@code manifest} has
     * @param done          ids (column {@code image_id}) to leave out
     * @param location      where a large plan is staged
     */
    static WorkPlan of(SparkSession spark, Dataset<Row> manifest, long manifestItems, Dataset<Row> done,
                       Path location) {
        Dataset<Row> todo = manifest.join(done, manifest.col("image_id").equalTo(done.col("image_id")), "left_anti")
                .select("image_id", "file_path", "boxes")
                .sort("image_id");
        return manifestItems <= IN_MEMORY ? new InMemory(todo) : new Staged(spark, todo, location);
    }

    abstract long images();

    abstract long boxes();

    /** The work items at positions {@code [from, to)}, in image-id order. */
    abstract List<ImageTask> range(long from, long to);

    private static final class InMemory extends WorkPlan {

        private final List<ImageTask> tasks;

        InMemory(Dataset<Row> todo) {
            tasks = todo.collectAsList().stream().map(ManifestTable::task).toList();
        }

        @Override
        long images() {
            return tasks.size();
        }

        @Override
        long boxes() {
            return tasks.stream().mapToLong(task -> task.boxes().size()).sum();
        }

        @Override
        List<ImageTask> range(long from, long to) {
            return tasks.subList((int) Math.min(from, tasks.size()), (int) Math.min(to, tasks.size()));
        }
    }

    private static final class Staged extends WorkPlan {

        private final SparkSession spark;
        private final Path location;
        private final long images;
        private final long boxes;

        Staged(SparkSession spark, Dataset<Row> todo, Path location) {
            this.spark = spark;
            this.location = location;
            JavaRDD<Row> numbered = todo.javaRDD()
                    .zipWithIndex()
                    .map(pair -> RowFactory.create(pair._2(), pair._1().getLong(0), pair._1().getString(1),
                            pair._1().getList(2).toArray(new Row[0])));
            spark.createDataFrame(numbered, SCHEMA).write().mode(SaveMode.Overwrite).parquet(location.toString());
            Row totals = spark.read().parquet(location.toString())
                    .agg(org.apache.spark.sql.functions.count("*"), sum(size(col("boxes")))).head();
            this.images = totals.getLong(0);
            this.boxes = totals.isNullAt(1) ? 0 : totals.getLong(1);
        }

        @Override
        long images() {
            return images;
        }

        @Override
        long boxes() {
            return boxes;
        }

        @Override
        List<ImageTask> range(long from, long to) {
            return spark.read().parquet(location.toString())
                    .where(col(POSITION).geq(from).and(col(POSITION).lt(to)))
                    .orderBy(POSITION)
                    .collectAsList().stream().map(ManifestTable::task).toList();
        }
    }
}
