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
 * batches, so the driver holds one batch at most, whatever the input's size. Inputs of at most
 * {@link #IN_MEMORY} rows stay a local table: writing and reading them back as Parquet would cost a
 * small run more than its whole planning.
 */
final class StagedRows implements AutoCloseable {

    static final int BATCH = 100_000;
    static final int IN_MEMORY = 10_000;

    private final SparkSession spark;
    private final StructType schema;
    private final Path location;
    private final List<Row> batch = new ArrayList<>();
    private long count;
    private boolean flushed;
    private Dataset<Row> rows;

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
        if (rows == null) {
            rows = flushed ? spark.read().schema(schema).parquet(location.toString())
                    : spark.createDataFrame(batch, schema);
        }
        return rows;
    }

    @Override
    public void close() {
        if (flushed || count > IN_MEMORY) {
            flush();
        }
    }

    /** Writes the batch; the first write replaces whatever an earlier, interrupted run left at the location. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        spark.createDataFrame(batch, schema).coalesce(1).write().mode(flushed ? SaveMode.Append : SaveMode.Overwrite)
                .parquet(location.toString());
        flushed = true;
        batch.clear();
    }
}
