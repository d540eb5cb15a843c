package io.hrnetspark.job.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.job.table.KeyedTable;
import io.hrnetspark.model.eval.Metric;
import io.hrnetspark.model.eval.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/metrics}: a Delta table with one row per summary number, replaced when the same results
 * are evaluated again; and {@code OUT/metrics.json}: an object of the numbers by key (AP, AP50, ...), in
 * printed order, at full precision.
 * <pre>
 * metric    string  key: AP, AP50, AP75, APm, ..., APeasy; mIoU, pixelAcc, meanAcc, IoU.CLASS
 * value     double  full precision
 * name      string  the official printed label
 * iou_type  string  keypoints, segm, bbox or miou
 * dataset   string  coco or crowdpose; for miou the label map (cityscapes, lip, identity)
 * gt        string  ground-truth file (miou: the ground-truth label root)
 * results   string  results file, predictions or masks table
 * model_id  string  the model of the predictions table, null for a results file
 * evaluated_at timestamp  when
 * </pre>
 */
public final class MetricsWriter {

    public static final String TABLE = "metrics";
    public static final String JSON = "metrics.json";

    public static final StructType SCHEMA = new StructType()
            .add("metric", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("name", DataTypes.StringType, false)
            .add("iou_type", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("gt", DataTypes.StringType, false)
            .add("results", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, true)
            .add("evaluated_at", DataTypes.TimestampType, false);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsWriter() {
    }

    /**
     * What was evaluated, the key of the metrics' rows besides the metric.
     *
     * @param modelId the model of an annotate table, empty for a results file
     */
    public record Scope(String iouType, String dataset, String gt, String results, Optional<String> modelId) {
    }

    /** Records the summary in the metrics table and in metrics.json of {@code directory}. */
    public static void write(SparkSession spark, HadoopStorage storage, String directory, Summary summary,
                             Scope scope) {
        writeTable(spark, storage, directory, summary, scope);
        writeJson(storage, directory, summary);
    }

    /** Records the summary's rows in {@code directory/metrics}, replacing those of the same scope. */
    public static void writeTable(SparkSession spark, HadoopStorage storage, String directory, Summary summary,
                                  Scope scope) {
        List<Row> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (Metric metric : summary.metrics()) {
            rows.add(RowFactory.create(metric.key(), metric.value(), metric.name().trim(), scope.iouType(),
                    scope.dataset(), scope.gt(), scope.results(), scope.modelId().orElse(null), now));
        }
        KeyedTable table = new KeyedTable(storage.qualified(new Path(directory, TABLE).toString()), SCHEMA,
                List.of("metric", "iou_type", "dataset", "gt", "results", "model_id"), null);
        new DeltaTables(spark).record(table, spark.createDataFrame(rows, SCHEMA),
                "hrnet-spark evaluate " + scope.results() + " at " + now);
    }

    /** Writes {@code directory/metrics.json}. */
    public static void writeJson(HadoopStorage storage, String directory, Summary summary) {
        try (OutputStream out = storage.create(new Path(directory, JSON))) {
            MAPPER.writeValue(out, summary.byKey());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + new Path(directory, JSON), e);
        }
    }
}
