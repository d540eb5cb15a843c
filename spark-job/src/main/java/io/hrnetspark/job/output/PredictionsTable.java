package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageOutcome;
import io.hrnetspark.job.inference.PersonResult;
import io.hrnetspark.job.manifest.TaskBox;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/predictions}: one row per person box, Parquet, partitioned by {@code model_id}.
 * <pre>
 * image_id      long     image id (COCO id, or the number ending the file name)
 * file_path     string   image path relative to the images root
 * width, height int      decoded image size in pixels
 * person_index  int      position of the box among its image's boxes
 * box           struct&lt;x:double,y:double,width:double,height:double&gt;  person box in pixels
 * box_score     double   detector score (1 for ground-truth boxes)
 * keypoints     array&lt;struct&lt;x:float,y:float,score:float&gt;&gt;  one per keypoint, image pixels
 * score         double   instance score after rescoring
 * nms_kept      boolean  kept by OKS-NMS among the image's persons
 * run_id        string   the run that wrote the row
 * model_id      string   partition column: config name and weights checksum
 * </pre>
 */
public final class PredictionsTable {

    public static final String DIRECTORY = "predictions";

    public static final StructType BOX = new StructType()
            .add("x", DataTypes.DoubleType, false)
            .add("y", DataTypes.DoubleType, false)
            .add("width", DataTypes.DoubleType, false)
            .add("height", DataTypes.DoubleType, false);

    public static final StructType KEYPOINT = new StructType()
            .add("x", DataTypes.FloatType, false)
            .add("y", DataTypes.FloatType, false)
            .add("score", DataTypes.FloatType, false);

    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("person_index", DataTypes.IntegerType, false)
            .add("box", BOX, false)
            .add("box_score", DataTypes.DoubleType, false)
            .add("keypoints", DataTypes.createArrayType(KEYPOINT, false), false)
            .add("score", DataTypes.DoubleType, false)
            .add("nms_kept", DataTypes.BooleanType, false)
            .add("run_id", DataTypes.StringType, false)
            .add(OutputLayout.MODEL_ID, DataTypes.StringType, false);

    private PredictionsTable() {
    }

    public static Row row(ImageOutcome image, PersonResult person, String runId, String modelId) {
        TaskBox box = person.box();
        float[][] keypoints = person.pose().keypoints();
        Row[] points = new Row[keypoints.length];
        for (int k = 0; k < keypoints.length; k++) {
            points[k] = RowFactory.create(keypoints[k][0], keypoints[k][1], keypoints[k][2]);
        }
        return RowFactory.create(image.task().imageId(), image.task().filePath(), image.width(), image.height(),
                box.index(), RowFactory.create(box.x(), box.y(), box.width(), box.height()), box.score(), points,
                person.pose().score(), person.keptByNms(), runId, modelId);
    }
}
