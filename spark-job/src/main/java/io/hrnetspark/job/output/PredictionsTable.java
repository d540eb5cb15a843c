package io.hrnetspark.job.output;

import io.hrnetspark.job.inference.ImageOutcome;
import io.hrnetspark.job.inference.IndexedResult;
import io.hrnetspark.model.pose.BottomUpPose;
import io.hrnetspark.model.pose.PersonBox;
import io.hrnetspark.model.pose.TopDownPerson;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code OUT/predictions}: one row per person (top-down: per box; bottom-up: per person found), partitioned by
 * {@code model_id}.
 * <pre>
 * image_id      long     image id (COCO id, or the number ending the file name)
 * file_path     string   image path relative to the images root
 * width, height int      decoded image size in pixels
 * person_index  int      position of the box among its image's boxes; bottom-up: grouping order
 * box           struct&lt;x:double,y:double,width:double,height:double&gt;  person box in pixels; bottom-up:
 *                        the extent of the keypoints the person has
 * box_score     double   detector score (1 for ground-truth boxes); null for bottom-up
 * keypoints     array&lt;struct&lt;x:float,y:float,score:float&gt;&gt;  NUM_JOINTS keypoints, image pixels
 * score         double   instance score after rescoring; bottom-up: the official person score
 * nms_kept      boolean  kept by OKS-NMS among the image's persons; true for bottom-up (no NMS)
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
            .add("box_score", DataTypes.DoubleType, true)
            .add("keypoints", DataTypes.createArrayType(KEYPOINT, false), false)
            .add("score", DataTypes.DoubleType, false)
            .add("nms_kept", DataTypes.BooleanType, false)
            .add("run_id", DataTypes.StringType, false)
            .add(OutputLayout.MODEL_ID, DataTypes.StringType, false);

    private PredictionsTable() {
    }

    /** The row of a top-down person: its box and detection score, and the estimator's OKS-NMS flag. */
    public static Row topDown(ImageOutcome<?> image, IndexedResult<TopDownPerson> person, String runId,
                              String modelId) {
        TopDownPerson p = person.value();
        PersonBox box = p.box();
        return row(image, person.index(), new double[] {box.x(), box.y(), box.width(), box.height()}, box.score(),
                p.keypoints(), p.score(), p.keptByNms(), runId, modelId);
    }

    /** The row of a bottom-up person: the extent of its keypoints as box, no box score, never suppressed. */
    public static Row bottomUp(ImageOutcome<?> image, IndexedResult<BottomUpPose> person, String runId,
                               String modelId) {
        BottomUpPose pose = person.value();
        return row(image, person.index(), pose.extent(), null, pose.keypoints(), pose.score(), true, runId, modelId);
    }

    private static Row row(ImageOutcome<?> image, int personIndex, double[] box, Double boxScore,
                           float[][] keypoints, double score, boolean kept, String runId, String modelId) {
        Row[] points = new Row[keypoints.length];
        for (int k = 0; k < keypoints.length; k++) {
            points[k] = RowFactory.create(keypoints[k][0], keypoints[k][1], keypoints[k][2]);
        }
        return RowFactory.create(image.task().imageId(), image.task().filePath(), image.width(), image.height(),
                personIndex, RowFactory.create(box[0], box[1], box[2], box[3]), boxScore, points, score, kept, runId,
                modelId);
    }
}
