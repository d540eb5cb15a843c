package io.hrnetspark.job.output;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.LocalTableScan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads the persons of one model from a predictions table in this JVM, without Spark (export, render): the same
 * locations and model choice as {@link StoredModelTable#read}, read with {@link LocalTableScan}.
 */
public final class LocalPredictions {

    private static final StructType BOX = new StructType().add("x", DoubleType.DOUBLE).add("y", DoubleType.DOUBLE)
            .add("width", DoubleType.DOUBLE).add("height", DoubleType.DOUBLE);
    private static final StructType KEYPOINT = new StructType().add("x", FloatType.FLOAT).add("y", FloatType.FLOAT)
            .add("score", FloatType.FLOAT);
    private static final StructType COLUMNS = new StructType()
            .add("image_id", LongType.LONG)
            .add("file_path", StringType.STRING)
            .add("person_index", IntegerType.INTEGER)
            .add("box", BOX)
            .add("keypoints", new ArrayType(KEYPOINT, false))
            .add("score", DoubleType.DOUBLE)
            .add("nms_kept", BooleanType.BOOLEAN)
            .add(OutputLayout.MODEL_ID, StringType.STRING);
    private static final int MODEL = COLUMNS.indexOf(OutputLayout.MODEL_ID);
    private static final StructType MODEL_ONLY = new StructType().add(OutputLayout.MODEL_ID, StringType.STRING);

    private LocalPredictions() {
    }

    /**
     * Passes each person of the model to {@code persons}, in no particular order.
     *
     * @param modelId the model to read when the table holds several
     */
    public static void read(HadoopStorage storage, String location, Optional<String> modelId,
                            Consumer<StoredPerson> persons) {
        StoredModelTable table = StoredModelTable.PREDICTIONS;
        StoredModelTable.Source source = table.locate(storage, location, modelId);
        LocalTableScan scan = new LocalTableScan(storage.conf());
        if (source.delta()) {
            LocalTableScan.TableVersion version = scan.latest(source.path());
            String model = table.chooseModel(scan.partitionValues(version, OutputLayout.MODEL_ID), location,
                    source.modelId());
            Predicate ofModel = new Predicate("=", new Column(OutputLayout.MODEL_ID), Literal.ofString(model));
            scan.scanDelta(version, COLUMNS, Optional.of(ofModel), (batch, row) -> {
                if (model.equals(batch.getColumnVector(MODEL).getString(row))) {
                    persons.accept(person(batch, row));
                }
            });
            return;
        }
        TreeSet<String> models = new TreeSet<>();
        scan.scanParquet(source.path(), MODEL_ONLY, (batch, row, partition) ->
                modelOf(batch.getColumnVector(0), row, partition).ifPresent(models::add));
        Optional<String> model = models.isEmpty() ? Optional.empty()
                : Optional.of(table.chooseModel(List.copyOf(models), location, source.modelId()));
        scan.scanParquet(source.path(), COLUMNS, (batch, row, partition) -> {
            if (model.isEmpty() || model.equals(modelOf(batch.getColumnVector(MODEL), row, partition))) {
                persons.accept(person(batch, row));
            }
        });
    }

    /**
     * The columns of the predictions Delta table {@code location} names (an output directory, the table, or one
     * model's folder of it), or empty when it names plain Parquet files.
     */
    public static Optional<List<String>> deltaColumns(HadoopStorage storage, String location) {
        StoredModelTable.Source source = StoredModelTable.PREDICTIONS.locate(storage, location, Optional.empty());
        if (!source.delta()) {
            return Optional.empty();
        }
        LocalTableScan scan = new LocalTableScan(storage.conf());
        return Optional.of(scan.columnNames(scan.latest(source.path())));
    }

    /** A row's model: its model_id column, or in a folder partitioned by model_id the folder's. */
    private static Optional<String> modelOf(ColumnVector models, int row, Map<String, String> partition) {
        return models.isNullAt(row) ? Optional.ofNullable(partition.get(OutputLayout.MODEL_ID))
                : Optional.of(models.getString(row));
    }

    private static StoredPerson person(ColumnarBatch batch, int row) {
        ColumnVector box = batch.getColumnVector(3);
        ArrayValue points = batch.getColumnVector(4).getArray(row);
        ColumnVector point = points.getElements();
        float[][] keypoints = new float[points.getSize()][];
        for (int k = 0; k < keypoints.length; k++) {
            keypoints[k] = new float[] {point.getChild(0).getFloat(k), point.getChild(1).getFloat(k),
                point.getChild(2).getFloat(k)};
        }
        return new StoredPerson(batch.getColumnVector(0).getLong(row), batch.getColumnVector(1).getString(row),
                batch.getColumnVector(2).getInt(row), new double[] {box.getChild(0).getDouble(row),
                    box.getChild(1).getDouble(row), box.getChild(2).getDouble(row), box.getChild(3).getDouble(row)},
                keypoints, batch.getColumnVector(5).getDouble(row), batch.getColumnVector(6).getBoolean(row));
    }
}
