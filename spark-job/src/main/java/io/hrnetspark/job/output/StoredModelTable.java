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

    /**
     * Where a model's rows are.
     *
     * @param path    the Delta table, or the folder of plain Parquet files
     * @param delta   whether {@code path} is a Delta table
     * @param modelId the model asked for: by {@code --model-id}, or by giving one model's folder of the table
     */
    public record Source(Path path, boolean delta, Optional<String> modelId) {
    }

    /** @param modelId the model to read when the table holds several */
    public Dataset<Row> read(SparkSession spark, String location, Optional<String> modelId) {
        Source source = locate(new HadoopStorage(spark.sparkContext().hadoopConfiguration()), location, modelId);
        Dataset<Row> rows = source.delta() ? spark.read().format("delta").load(source.path().toString())
                : spark.read().parquet(source.path().toString());
        if (!source.delta() && !Arrays.asList(rows.columns()).contains(OutputLayout.MODEL_ID)) {
            return rows;
        }
        List<String> models = rows.select(OutputLayout.MODEL_ID).distinct().orderBy(OutputLayout.MODEL_ID)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        return rows.where(col(OutputLayout.MODEL_ID).equalTo(chooseModel(models, location, source.modelId())));
    }

    /**
     * Finds the table {@code location} names: the output directory of a run, the Delta table, one model's
     * {@code model_id=...} folder in it, or else a folder of plain Parquet files.
     */
    public Source locate(HadoopStorage storage, String location, Optional<String> modelId) {
        Path path = storage.qualified(location);
        if (!storage.exists(path)) {
            throw new InvalidInputException(noun + " " + location + " do not exist; pass the output directory of an"
                    + " annotate run (or its " + directory + " table).");
        }
        if (path.getName().startsWith(MODEL_FOLDER) && isDelta(storage, path.getParent())) {
            String folderModel = path.getName().substring(MODEL_FOLDER.length());
            modelId.filter(id -> !id.equals(folderModel)).ifPresent(id -> {
                throw new InvalidInputException(noun + " " + location + " are model " + folderModel
                        + ", not '" + id + "'; drop --model-id or give the table " + path.getParent() + ".");
            });
            return new Source(path.getParent(), true, Optional.of(folderModel));
        }
        if (isDelta(storage, path)) {
            return new Source(path, true, modelId);
        }
        Path nested = new Path(path, directory);
        if (isDelta(storage, nested)) {
            return new Source(nested, true, modelId);
        }
        return new Source(path, false, modelId);
    }

    private static boolean isDelta(HadoopStorage storage, Path path) {
        return storage.exists(new Path(path, DeltaTables.LOG_DIRECTORY));
    }

    /**
     * The model to read: the one asked for, or the only one the table holds; one sentence when the table holds
     * none, several and none was asked for, or not the one asked for.
     *
     * @param models the models the table holds, sorted
     */
    public String chooseModel(List<String> models, String location, Optional<String> modelId) {
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
        return model;
    }
}
