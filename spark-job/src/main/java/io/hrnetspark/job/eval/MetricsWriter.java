package io.hrnetspark.job.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.eval.Metric;
import io.hrnetspark.model.eval.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/metrics}: one Parquet row per summary number; and {@code OUT/metrics.json}: an object
 * of the numbers by key (AP, AP50, ...), in printed order, at full precision.
 * <pre>
 * metric    string  key: AP, AP50, AP75, APm, ..., APeasy
 * value     double  full precision
 * name      string  the official printed label
 * iou_type  string  keypoints, segm or bbox
 * dataset   string  coco or crowdpose
 * gt        string  ground-truth file
 * results   string  results file or predictions directory
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
            .add("results", DataTypes.StringType, false);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsWriter() {
    }

    public static void write(SparkSession spark, HadoopStorage storage, String directory, Summary summary,
                             EvaluateOptions options) {
        List<Row> rows = new ArrayList<>();
        for (Metric metric : summary.metrics()) {
            rows.add(RowFactory.create(metric.key(), metric.value(), metric.name().trim(),
                    options.protocol().iouType(), options.protocol().dataset(), options.gt(),
                    options.results()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(new Path(directory, TABLE).toString());
        try (OutputStream out = storage.create(new Path(directory, JSON))) {
            MAPPER.writeValue(out, summary.byKey());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + new Path(directory, JSON), e);
        }
    }
}
