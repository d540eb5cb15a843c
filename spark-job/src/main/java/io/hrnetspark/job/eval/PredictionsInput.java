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
import io.hrnetspark.model.dataset.KeypointSpec;
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
        requireKeypoints(location, protocol);
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
        requireColumns(location, Arrays.asList(all.columns()));
        return all.filter(col("nms_kept")).select("image_id", "person_index", "keypoints", "score");
    }

    /** One sentence when predictions are to be evaluated as boxes or masks. */
    static void requireKeypoints(String location, EvalProtocol protocol) {
        if (!protocol.isKeypoints()) {
            throw new InvalidInputException(location + " holds keypoint predictions, which cannot be"
                    + " evaluated as " + protocol.iouType() + "; use --type keypoints or give a COCO"
                    + " results JSON.");
        }
    }

    /** One sentence when the table lacks a column the evaluation reads. */
    static void requireColumns(String location, List<String> columns) {
        for (String column : COLUMNS) {
            if (!columns.contains(column)) {
                throw new InvalidInputException(location + " has no '" + column + "' column; give the"
                        + " output of an annotate run, or a COCO results JSON.");
            }
        }
    }

    private static void check(SparkSession spark, String location, Dataset<Row> kept, CocoDataset gt,
                              int numKeypoints, String dataset) {
        Row stats = kept.agg(count(lit(1)),
                sum(when(size(col("keypoints")).notEqual(numKeypoints), 1).otherwise(0)),
                min(when(size(col("keypoints")).notEqual(numKeypoints), col("image_id"))),
                min(when(size(col("keypoints")).notEqual(numKeypoints), size(col("keypoints"))))).first();
        if (stats.getLong(0) == 0) {
            throw nothingKept(location);
        }
        if (stats.getLong(1) > 0) {
            throw otherKeypointCount(location, stats.getLong(1), stats.getLong(2), stats.getInt(3), dataset,
                    numKeypoints);
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
            throw unknownImages(location, unknown.count(), first.get(0).getLong(0), gt);
        }
    }

    static InvalidInputException nothingKept(String location) {
        return new InvalidInputException(location + " holds no predictions kept by NMS; there is nothing to"
                + " evaluate.");
    }

    static InvalidInputException otherKeypointCount(String location, long predictions, long firstImage, int found,
                                                    String dataset, int numKeypoints) {
        return new InvalidInputException(location + " has " + predictions + " predictions (first in image "
                + firstImage + ") with " + found + " keypoints but the " + dataset + " dataset has " + numKeypoints
                + "; " + KeypointSpec.byName(dataset).adviceFor(found) + ".");
    }

    static InvalidInputException unknownImages(String location, long images, long firstImage, CocoDataset gt) {
        return new InvalidInputException(location + " has predictions for " + images + " image id(s) absent from"
                + " the ground truth " + gt.source() + " (first: " + firstImage + "); evaluate predictions against"
                + " the ground truth of the images they were made for.");
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
        return new Tuple2<>(imageId, result(imageId, keypoints, row.<Number>getAs("score").doubleValue(), id,
                categoryId));
    }

    /** A kept prediction as the keypoint result numbered {@code id}, as loadRes makes it. */
    static CocoAnnotation result(long imageId, double[] keypoints, double score, long id, int categoryId) {
        return CocoAnnotation.keypointResult(imageId, categoryId, keypoints, score).asKeypointResult(id);
    }

    private static Iterator<ImageAnnotations> combine(
            Tuple2<Long, Tuple2<Iterable<ImageAnnotations>, Iterable<CocoAnnotation>>> image) {
        Iterator<ImageAnnotations> gtSide = image._2()._1().iterator();
        if (!gtSide.hasNext()) {
            return List.<ImageAnnotations>of().iterator();
        }
        List<CocoAnnotation> dts = new ArrayList<>();
        image._2()._2().forEach(dts::add);
        return withResults(gtSide.next(), dts).iterator();
    }

    /**
     * A ground-truth image with its results in id order, or nothing when it has neither ground truth nor
     * results (pycocotools evaluates no such image).
     */
    static List<ImageAnnotations> withResults(ImageAnnotations groundTruth, List<CocoAnnotation> dts) {
        if (groundTruth.gts().isEmpty() && dts.isEmpty()) {
            return List.of();
        }
        List<CocoAnnotation> sorted = new ArrayList<>(dts);
        sorted.sort(Comparator.comparingLong(CocoAnnotation::id));
        return List.of(new ImageAnnotations(groundTruth.image(), groundTruth.gts(), sorted));
    }
}
