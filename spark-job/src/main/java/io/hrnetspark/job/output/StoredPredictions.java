package io.hrnetspark.job.output;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the predictions of one model: from the {@code predictions} Delta table of an annotate output
 * (given as the output directory, the table, or one model's {@code model_id=...} folder in it), or from
 * plain Parquet files with the same columns ({@code export --format parquet}).
 */
public final class StoredPredictions {

    private StoredPredictions() {
    }

    /** @param modelId the model to read when the table holds several */
    public static Dataset<Row> read(SparkSession spark, String location, Optional<String> modelId) {
        return StoredModelTable.PREDICTIONS.read(spark, location, modelId);
    }
}
