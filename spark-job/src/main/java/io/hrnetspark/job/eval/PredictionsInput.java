package io.hrnetspark.job.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.hrnetspark.job.output.StoredPredictions;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.coco.CocoAnnotation;
import io.hrnetspark.model.coco.CocoCategory;
import io.hrnetspark.model.coco.CocoDataset;
import io.hrnetspark.model.eval.CocoEvaluator;
import io.hrnetspark.model.eval.EvalProtocol;
import io.hrnetspark.model.eval.ImageAnnotations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The {@code predictions} table of an {@code annotate} run as evaluation input: the rows
 * kept by OKS-NMS, read on the executors and grouped by image there. Each row becomes a keypoint
 * result as {@code loadRes} makes it; rows are numbered 1, 2, ... in (image id, person index)
 * order, the order a results JSON of the same rows would have.
 */
public final class PredictionsInput {

    static final List<String> COLUMNS = List.of("image_id", "person_index", "keypoints", "score",
            "nms_kept");

    private PredictionsInput() {
    }

    public static JavaRDD<ImageAnnotations> read(SparkSession spark, String location, Optional<String> modelId,
                                                 CocoEvaluator evaluator, CocoDataset gt) {
        EvalProtocol protocol = evaluator.protocol();
        if (!protocol.isKeypoints()) {
            throw new InvalidInputException(location + " holds keypoint predictions, which cannot be"
                    + " evaluated as " + protocol.iouType() + "; use --type keypoints or give a COCO"
                    + " results JSON.");
        }
        List<ImageAnnotations> gtImages = evaluator.groundTruthImages();
        Dataset<Row> kept = keptPredictions(spark, location, modelId);
        check(spark, location, kept, gt, protocol.keypointSpec().numKeypoints(), protocol.dataset());
        int categoryId = keypointCategory(gt);
        int partitions = DistributedEvaluation.partitions(spark, gtImages.size());
        JavaPairRDD<Long, CocoAnnotation> dts = kept.orderBy("image_id", "person_index")
                .javaRDD().zipWithIndex()
                .mapToPair(row -> toResult(row._1(), row._2() + 1, categoryId));
        List<Tuple2<Long, ImageAnnotations>> gtPairs = new ArrayList<>(gtImages.size());
        for (ImageAnnotations image : gtImages) {
            gtPairs.add(new Tuple2<>(image.image().id(), image));
        }
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelizePairs(gtPairs, partitions)
                .cogroup(dts, partitions)
                .flatMap(PredictionsInput::combine);
    }

    private static Dataset<Row> keptPredictions(SparkSession spark, String location, Optional<String> modelId) {
        Dataset<Row> all;
        try {
            all = StoredPredictions.read(spark, location, modelId);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new InvalidInputException(location + " is neither a COCO results JSON file nor a"
                        + " predictions table (" + e.getMessage().split("\\.")[0] + ").", e);
            }
            throw e;
        }
        List<String> columns = Arrays.asList(all.columns());
        for (String column : COLUMNS) {
            if (!columns.contains(column)) {
                throw new InvalidInputException(location + " has no '" + column + "' column; give the"
                        + " output of an annotate run, or a COCO results JSON.");
            }
        }
        return all.filter(col("nms_kept")).select("image_id", "person_index", "keypoints", "score");
    }

    private static void check(SparkSession spark, String location, Dataset<Row> kept, CocoDataset gt,
                              int numKeypoints, String dataset) {
        Row stats = kept.agg(count(lit(1)),
                sum(when(size(col("keypoints")).notEqual(numKeypoints), 1).otherwise(0)),
                min(when(size(col("keypoints")).notEqual(numKeypoints), col("image_id")))).first();
        if (stats.getLong(0) == 0) {
            throw new InvalidInputException(location + " holds no predictions kept by NMS; there is"
                    + " nothing to evaluate.");
        }
        if (stats.getLong(1) > 0) {
            throw new InvalidInputException(location + " has " + stats.getLong(1) + " predictions (first"
                    + " in image " + stats.getLong(2) + ") whose keypoints are not the " + numKeypoints
                    + " of the " + dataset + " dataset; choose the dataset that matches the predictions.");
        }
        List<Long> ids = new ArrayList<>();
        for (long id : gt.sortedImageIds()) {
            ids.add(id);
        }
        Dataset<Row> known = spark.createDataset(ids, Encoders.LONG()).toDF("image_id");
        Dataset<Row> unknown = kept.select("image_id").distinct().join(known,
                scala.collection.JavaConverters.asScalaBuffer(List.of("image_id")).toSeq(), "left_anti");
        List<Row> first = unknown.orderBy("image_id").limit(1).collectAsList();
        if (!first.isEmpty()) {
            throw new InvalidInputException(location + " has predictions for " + unknown.count()
                    + " image id(s) absent from the ground truth " + gt.source() + " (first: "
                    + first.get(0).getLong(0) + "); evaluate predictions against the ground truth of"
                    + " the images they were made for.");
        }
    }

    /** The category keypoint results belong to: 'person', else the ground truth's only category. */
    static int keypointCategory(CocoDataset gt) {
        for (CocoCategory category : gt.categories()) {
            if ("person".equals(category.name())) {
                return category.id();
            }
        }
        if (gt.categories().size() == 1) {
            return gt.categories().get(0).id();
        }
        throw new InvalidInputException(gt.source() + " has no 'person' category and several others;"
                + " keypoint predictions need the ground truth's person category.");
    }

    private static Tuple2<Long, CocoAnnotation> toResult(Row row, long id, int categoryId) {
        long imageId = row.<Long>getAs("image_id");
        List<Row> points = row.getList(row.fieldIndex("keypoints"));
        double[] keypoints = new double[3 * points.size()];
        for (int k = 0; k < points.size(); k++) {
            Row point = points.get(k);
            keypoints[3 * k] = point.<Number>getAs("x").doubleValue();
            keypoints[3 * k + 1] = point.<Number>getAs("y").doubleValue();
            keypoints[3 * k + 2] = point.<Number>getAs("score").doubleValue();
        }
        double score = row.<Number>getAs("score").doubleValue();
        return new Tuple2<>(imageId,
                CocoAnnotation.keypointResult(imageId, categoryId, keypoints, score).asKeypointResult(id));
    }

    private static Iterator<ImageAnnotations> combine(
            Tuple2<Long, Tuple2<Iterable<ImageAnnotations>, Iterable<CocoAnnotation>>> image) {
        Iterator<ImageAnnotations> gtSide = image._2()._1().iterator();
        if (!gtSide.hasNext()) {
            return List.<ImageAnnotations>of().iterator();
        }
        ImageAnnotations groundTruth = gtSide.next();
        List<CocoAnnotation> dts = new ArrayList<>();
        image._2()._2().forEach(dts::add);
        if (groundTruth.gts().isEmpty() && dts.isEmpty()) {
            return List.<ImageAnnotations>of().iterator();
        }
        dts.sort(Comparator.comparingLong(CocoAnnotation::id));
        return List.of(new ImageAnnotations(groundTruth.image(), groundTruth.gts(), dts)).iterator();
    }
}
