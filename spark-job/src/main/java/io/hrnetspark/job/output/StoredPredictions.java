package io.hrnetspark.job.output;

import static org.apache.spark.sql.functions.col;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a {@code predictions} table written by annotate, for one model. */
public final class StoredPredictions {

    private StoredPredictions() {
    }

    /**
     * The predictions of one model: the one given, or the only one in the table.
     *
     * @param location the {@code predictions} directory (or the annotate output directory holding it)
     */
    public static Dataset<Row> read(SparkSession spark, String location, Optional<String> modelId) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        Path table = storage.qualified(location);
        Path nested = new Path(table, PredictionsTable.DIRECTORY);
        if (!table.getName().equals(PredictionsTable.DIRECTORY) && storage.exists(nested)) {
            table = nested;
        }
        if (!storage.exists(table)) {
            throw new InvalidInputException("Predictions " + location
                    + " do not exist; pass the predictions directory an annotate run wrote (OUT/predictions).");
        }
        Dataset<Row> predictions = spark.read().schema(PredictionsTable.SCHEMA).parquet(table.toString());
        List<String> models = predictions.select(OutputLayout.MODEL_ID).distinct().orderBy(OutputLayout.MODEL_ID)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        if (models.isEmpty()) {
            throw new InvalidInputException("Predictions " + location + " hold no rows; run annotate first.");
        }
        String model = modelId.orElseGet(() -> {
            if (models.size() > 1) {
                throw new InvalidInputException("Predictions " + location + " hold " + models.size()
                        + " models (" + String.join(", ", models) + "); choose one with --model-id.");
            }
            return models.get(0);
        });
        if (!models.contains(model)) {
            throw new InvalidInputException("Predictions " + location + " have no model '" + model + "'; they hold "
                    + String.join(", ", models) + ".");
        }
        return predictions.where(col(OutputLayout.MODEL_ID).equalTo(model));
    }
}
