package io.hrnetspark.job.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.EvalProtocol;
import io.hrnetspark.model.eval.EvaluationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictions Parquet directory as evaluation input, in the layout of the annotate job's
 * {@code predictions} table (the columns the evaluation reads, keypoints as float structs,
 * partitioned by model_id).
 */
class PredictionsInputTest {

    private static final StructType KEYPOINT = new StructType()
            .add("x", DataTypes.FloatType, false)
            .add("y", DataTypes.FloatType, false)
            .add("score", DataTypes.FloatType, false);
    private static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.LongType, false)
            .add("file_path", DataTypes.StringType, false)
            .add("person_index", DataTypes.IntegerType, false)
            .add("keypoints", DataTypes.createArrayType(KEYPOINT, false), false)
            .add("score", DataTypes.DoubleType, false)
            .add("nms_kept", DataTypes.BooleanType, false)
            .add("model_id", DataTypes.StringType, false);

    private final SparkSession spark = SparkTestSession.get();
    private CocoDataset gt;

    @TempDir
    Path tmp;

    @BeforeEach
    void load() {
        gt = CocoDataset.load(Path.of(SparkTestSession.fixture("coco-keypoints-eval", "gt.json")));
    }

    /** The fixture's persons ({@link FixturePredictions}) as rows of {@code keypointsPerRow} float keypoints. */
    private static List<Row> rows(String modelId, int keypointsPerRow) {
        List<Row> rows = new ArrayList<>();
        for (FixturePredictions person : FixturePredictions.load()) {
            Row[] points = new Row[keypointsPerRow];
            double[] kp = person.keypoints();
            for (int k = 0; k < keypointsPerRow; k++) {
                points[k] = RowFactory.create((float) kp[3 * k], (float) kp[3 * k + 1], (float) kp[3 * k + 2]);
            }
            rows.add(RowFactory.create(person.imageId(), "img/" + person.imageId() + ".jpg", person.personIndex(),
                    points, person.score(), person.kept(), modelId));
        }
        return rows;
    }

    private String write(List<Row> rows) {
        String dir = tmp.resolve("predictions").toString();
        spark.createDataFrame(rows, SCHEMA).repartition(3).write().mode(SaveMode.Append)
                .partitionBy("model_id").parquet(dir);
        return dir;
    }

    private EvaluationOutcome evaluate(String dir, String dataset) {
        return EvaluateJob.run(spark, EvaluateOptions.of(
                SparkTestSession.fixture("coco-keypoints-eval", "gt.json"), dir, "keypoints", dataset, null, null),
                new PrintWriter(new StringWriter()));
    }

    @Test
    void keptPredictionsEvaluateAsTheSameResultsInAJsonFileWould() {
        EvaluationOutcome fromParquet = evaluate(write(rows("w32-abc", 17)), "coco");
        // The same kept rows as result entries, in (image id, person index) order, float values.
        List<CocoAnnotation> entries = new ArrayList<>();
        for (Row row : rows("w32-abc", 17)) {
            if (row.getBoolean(5)) {
                Row[] points = (Row[]) row.get(3);
                double[] kp = new double[51];
                for (int k = 0; k < 17; k++) {
                    kp[3 * k] = points[k].getFloat(0);
                    kp[3 * k + 1] = points[k].getFloat(1);
                    kp[3 * k + 2] = points[k].getFloat(2);
                }
                entries.add(CocoAnnotation.keypointResult(row.getLong(0), 1, kp, row.getDouble(4)));
            }
        }
        EvaluationResult fromJson = new CocoEvaluator(EvalProtocol.COCO_KEYPOINTS, gt)
                .evaluate(gt.loadRes(entries, "same.json"));
        assertArrayEquals(fromJson.accumulation().precision(), fromParquet.result().accumulation().precision(), 0.0);
        assertArrayEquals(fromJson.summary().stats(), fromParquet.result().summary().stats(), 0.0);
        assertTrue(fromParquet.result().summary().stats()[0] > 0.4, "float rounding barely moves AP");
    }

    @Test
    void predictionsOfSeveralModelsAreRefused() {
        write(rows("w32-abc", 17));
        String dir = write(rows("w48-def", 17));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(dir, "coco"));
        assertEquals("Predictions " + dir + " hold 2 models (w32-abc, w48-def); choose one with --model-id.",
                e.getMessage());
        assertEquals(10, evaluate(dir + "/model_id=w48-def", "coco").result().summary().stats().length);
    }

    @Test
    void predictionsForImagesAbsentFromTheGroundTruthAreRefused() {
        List<Row> rows = rows("m", 17);
        Row first = rows.get(0);
        rows.add(RowFactory.create(424242L, "x.jpg", 0, first.get(3), 0.5, true, "m"));
        String dir = write(rows);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(dir, "coco"));
        assertEquals(dir + " has predictions for 1 image id(s) absent from the ground truth "
                + SparkTestSession.fixture("coco-keypoints-eval", "gt.json") + " (first: 424242); evaluate"
                + " predictions against the ground truth of the images they were made for.", e.getMessage());
    }

    @Test
    void predictionsWithTheKeypointsOfAnotherDatasetAreRefused() {
        String dir = write(rows("m", 14));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(dir, "coco"));
        assertTrue(e.getMessage().contains("predictions (first in image ") && e.getMessage().endsWith(
                ") with 14 keypoints but the coco dataset has 17; use --dataset crowdpose."), e.getMessage());
    }

    @Test
    void aDirectoryWithoutThePredictionColumnsIsRefused() {
        String dir = tmp.resolve("other").toString();
        spark.range(3).toDF("image_id").write().parquet(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(dir, "coco"));
        assertEquals(dir + " has no 'person_index' column; give the output of an annotate run,"
                + " or a COCO results JSON.", e.getMessage());
    }
}
