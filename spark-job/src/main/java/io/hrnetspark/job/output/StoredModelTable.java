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
 * Reads the rows of one model from a table of an annotate output partitioned by {@code model_id}
 * ({@code predictions}, {@code masks}): given as the output directory, the Delta table, one model's
 * {@code model_id=...} folder in it, or plain Parquet files with the same columns
 * ({@code export --format parquet}).
 *
 * @param directory the table's folder in an output directory
 * @param noun      what the rows are, capitalised, for messages ("Predictions", "Masks")
 */
public record StoredModelTable(String directory, String noun) {

    private static final String MODEL_FOLDER = OutputLayout.MODEL_ID + "=";

    /** The {@code predictions} table of a pose annotate run. */
    public static final StoredModelTable PREDICTIONS = new StoredModelTable(PredictionsTable.DIRECTORY, "Predictions");

    /** The {@code masks} table of a segmentation annotate run. */
    public static final StoredModelTable MASKS = new StoredModelTable("masks", "Masks");

    /** @param modelId the model to read when the table holds several */
    public Dataset<Row> read(SparkSession spark, String location, Optional<String> modelId) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        DeltaTables delta = new DeltaTables(spark);
        Path path = storage.qualified(location);
        if (!storage.exists(path)) {
            throw new InvalidInputException(noun + " " + location + " do not exist; pass the output directory of an"
                    + " annotate run (or its " + directory + " table).");
        }
        Path nested = new Path(path, directory);
        if (path.getName().startsWith(MODEL_FOLDER) && delta.exists(path.getParent().toString())) {
            String folderModel = path.getName().substring(MODEL_FOLDER.length());
            modelId.filter(id -> !id.equals(folderModel)).ifPresent(id -> {
                throw new InvalidInputException(noun + " " + location + " are model " + folderModel
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

    private Dataset<Row> oneModel(Dataset<Row> rows, String location, Optional<String> modelId) {
        List<String> models = rows.select(OutputLayout.MODEL_ID).distinct().orderBy(OutputLayout.MODEL_ID)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        if (models.isEmpty()) {
            throw new InvalidInputException(noun + " " + location + " hold no rows; run annotate first.");
        }
        String model = modelId.orElseGet(() -> {
            if (models.size() > 1) {
                throw new InvalidInputException(noun + " " + location + " hold " + models.size()
                        + " models (" + String.join(", ", models) + "); choose one with --model-id.");
            }
            return models.get(0);
        });
        if (!models.contains(model)) {
            throw new InvalidInputException(noun + " " + location + " have no model '" + model + "'; they hold "
                    + String.join(", ", models) + ".");
        }
        return rows.where(col(OutputLayout.MODEL_ID).equalTo(model));
    }
}
