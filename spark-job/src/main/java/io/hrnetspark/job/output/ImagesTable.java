package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageError;
import io.hrnetspark.job.inference.ImageOutcome;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/images}: one row per image and model, the outcome that decides what a later run redoes.
 * It is committed after the image's rows in {@code predictions} and {@code errors}, so an image is
 * done only once all its rows are committed.
 * <pre>
 * image_id       long       image id
 * file_path      string     image path relative to the images root
 * status         string     annotated (persons predicted, possibly with box errors) | failed (no prediction)
 * failed_stage   string     read | decode for failed images, else null
 * file_size      long       bytes of the file as read, null when it could not be read
 * file_modified  timestamp  modification time of the file as read, null when it could not be read
 * persons        int        prediction rows of the image
 * error_rows     int        error rows of the image
 * run_id         string     the run that committed the outcome
 * model_id       string     partition column
 * </pre>
 */
public final class ImagesTable {

    public static final String DIRECTORY = "images";
    public static final String ANNOTATED = "annotated";
    public static final String FAILED = "failed";

    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("failed_stage", DataTypes.StringType, true)
            .add("file_size", DataTypes.LongType, true)
            .add("file_modified", DataTypes.TimestampType, true)
            .add("persons", DataTypes.IntegerType, false)
            .add("error_rows", DataTypes.IntegerType, false)
            .add("run_id", DataTypes.StringType, false)
            .add(OutputLayout.MODEL_ID, DataTypes.StringType, false);

    private ImagesTable() {
    }

    public static Row row(ImageOutcome image, String runId, String modelId) {
        ImageError fatal = image.fatalError();
        return RowFactory.create(image.task().imageId(), image.task().filePath(), fatal == null ? ANNOTATED : FAILED,
                fatal == null ? null : fatal.stage().columnValue(), image.file() == null ? null : image.file().size(),
                image.file() == null ? null : new Timestamp(image.file().modifiedMillis()), image.persons().size(),
                image.errors().size(), runId, modelId);
    }
}
