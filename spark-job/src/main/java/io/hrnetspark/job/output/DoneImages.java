package io.hrnetspark.job.output;

import static org.apache.spark.sql.functions.col;

import io.hrnetspark.job.storage.FileVersion;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.DeltaTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The images whose outcome a run keeps, decided from committed {@code images} rows only: annotated
 * images, and images that failed to decode while their file is unchanged (same size and modification
 * time). Images that could not be read are always retried, as are all failed images with
 * {@code retryErrors}.
 */
public final class DoneImages {

    private static final StructType IDS = new StructType().add("image_id", DataTypes.LongType, false);

    private final SparkSession spark;
    private final DeltaTables delta;
    private final AnnotateTables tables;
    private final Broadcast<SerializableConfiguration> hadoopConf;
    private final String imagesRoot;

    public DoneImages(SparkSession spark, AnnotateTables tables, Broadcast<SerializableConfiguration> hadoopConf,
                      String imagesRoot) {
        this.spark = spark;
        this.delta = new DeltaTables(spark);
        this.tables = tables;
        this.hadoopConf = hadoopConf;
        this.imagesRoot = imagesRoot;
    }

    /**
     * The image ids (column {@code image_id}) of {@code modelId} that are done.
     *
     * @param scope limits the query to some images, or empty for all
     */
    public Dataset<Row> of(String modelId, boolean retryErrors, Optional<ImageScope> scope) {
        if (!delta.exists(tables.images().location().toString())) {
            return none();
        }
        Dataset<Row> images = delta.read(tables.images()).where(col(OutputLayout.MODEL_ID).equalTo(modelId));
        if (scope.isPresent()) {
            images = images.where(scope.get().condition());
        }
        Column annotated = col("status").equalTo(ImagesTable.ANNOTATED);
        Dataset<Row> done = images.where(annotated).select("image_id");
        if (retryErrors) {
            return done;
        }
        Dataset<Row> decodeFailed = images.where(col("status").equalTo(ImagesTable.FAILED)
                .and(col("failed_stage").equalTo("decode")))
                .select("image_id", "file_path", "file_size", "file_modified");
        return done.union(decodeFailed.mapPartitions(unchanged(hadoopConf, imagesRoot), Encoders.LONG())
                .toDF("image_id"));
    }

    /** No image: what a run that redoes everything ({@code --overwrite}) keeps. */
    public Dataset<Row> none() {
        return none(spark);
    }

    public static Dataset<Row> none(SparkSession spark) {
        return spark.createDataFrame(List.of(), IDS);
    }

    /** Keeps the ids of files whose size and modification time are those recorded. */
    private static MapPartitionsFunction<Row, Long> unchanged(Broadcast<SerializableConfiguration> conf, String root) {
        return rows -> {
            HadoopStorage storage = new HadoopStorage(conf.value().value());
            List<Long> ids = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.isNullAt(2) || row.isNullAt(3)) {
                    continue;
                }
                FileVersion recorded = new FileVersion(row.getLong(2), row.getTimestamp(3).getTime());
                try {
                    if (recorded.equals(storage.version(new Path(root, row.getString(1))))) {
                        ids.add(row.getLong(0));
                    }
                } catch (IOException e) {
                    // missing or unreadable now: not done, the next attempt records why
                }
            }
            return ids.iterator();
        };
    }
}
