package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageError;
import io.hrnetspark.job.inference.ImageOutcome;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/errors}: one row per input that failed, Parquet, partitioned by {@code model_id}.
 * <pre>
 * image_id      long     image id
 * file_path     string   image path relative to the images root
 * stage         string   read | decode | box | crop | predict
 * person_index  int      the box for box-level errors (box, crop), null for the whole image
 * error_class   string   Java class of the error
 * message       string   what went wrong, one sentence where the input is at fault
 * run_id        string   the run that met the error
 * model_id      string   partition column
 * </pre>
 */
public final class ErrorsTable {

    public static final String DIRECTORY = "errors";

    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("person_index", DataTypes.IntegerType, true)
            .add("error_class", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false)
            .add(OutputLayout.MODEL_ID, DataTypes.StringType, false);

    private ErrorsTable() {
    }

    public static Row row(ImageOutcome image, ImageError error, String runId, String modelId) {
        return RowFactory.create(image.task().imageId(), image.task().filePath(), error.stage().columnValue(),
                error.personIndex(), error.errorClass(), error.message(), runId, modelId);
    }
}
