package io.hrnetspark.job.manifest;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Rows produced on the driver (a JSON file read as a stream, a folder listing) written to Parquet in
 * batches, so the driver holds one batch at most, whatever the input's size.
 */
final class StagedRows implements AutoCloseable {

    static final int BATCH = 100_000;

    private final SparkSession spark;
    private final StructType schema;
    private final Path location;
    private final List<Row> batch = new ArrayList<>();
    private long count;

    StagedRows(SparkSession spark, StructType schema, Path location) {
        this.spark = spark;
        this.schema = schema;
        this.location = location;
    }

    void add(Row row) {
        batch.add(row);
        count++;
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    long count() {
        return count;
    }

    /** Every row added, once {@link #close()} has written the last batch. */
    Dataset<Row> read() {
        return count == 0 ? spark.createDataFrame(List.of(), schema)
                : spark.read().schema(schema).parquet(location.toString());
    }

    @Override
    public void close() {
        flush();
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        spark.createDataFrame(batch, schema).coalesce(1).write().mode(SaveMode.Append).parquet(location.toString());
        batch.clear();
    }
}
