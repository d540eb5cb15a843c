package io.hrnetspark.job.output;

import static org.apache.spark.sql.functions.col;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.model.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the predictions of one model: from the {@code predictions} Delta table of an annotate output
 * (given as the output directory, the table, or one model's {@code model_id=...} folder in it), or from
 * plain Parquet files with the same columns ({@code export --format parquet}).
 */
public final class StoredPredictions {

    private static final String MODEL_FOLDER = OutputLayout.MODEL_ID + "=";

    private StoredPredictions() {
    }

    /** @param modelId the model to read when the table holds several */
    public static Dataset<Row> read(SparkSession spark, String location, Optional<String> modelId) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        DeltaTables delta = new DeltaTables(spark);
        Path path = storage.qualified(location);
        if (!storage.exists(path)) {
            throw new InvalidInputException("Predictions " + location
                    + " do not exist; pass the output directory of an annotate run (or its predictions table).");
        }
        Path nested = new Path(path, PredictionsTable.DIRECTORY);
        if (path.getName().startsWith(MODEL_FOLDER) && delta.exists(path.getParent().toString())) {
            String folderModel = path.getName().substring(MODEL_FOLDER.length());
            modelId.filter(id -> !id.equals(folderModel)).ifPresent(id -> {
                throw new InvalidInputException("Predictions " + location + " are model " + folderModel
                        + ", not '" + id + "'; drop --model-id or give the table " + path.getParent() + ".");
            });
            return oneModel(spark.read().format("delta").load(path.getParent().toString()), location,
                    Optional.of(folderModel));
        }
        if (delta.exists(path.toString())) {
            return oneModel(spark.read().format("delta").load(path.toString()), location, modelId);
        }
        if (delta.exists(nested.toString())) {
            return oneModel(spark.read().format("delta").load(nested.toString()), location, modelId);
        }
        Dataset<Row> files = spark.read().parquet(path.toString());
        return Arrays.asList(files.columns()).contains(OutputLayout.MODEL_ID) ? oneModel(files, location, modelId)
                : files;
    }

    private static Dataset<Row> oneModel(Dataset<Row> predictions, String location, Optional<String> modelId) {
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
