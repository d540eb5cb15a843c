package io.hrnetspark.job.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.hrnetspark.job.output.OutputLayout;
import io.hrnetspark.job.output.StoredModelTable;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import io.hrnetspark.model.dataset.SegmentationClasses;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate --type miou}: scores the {@code masks} table of an annotate run against ground-truth
 * label PNGs as the official {@code HRNet-Semantic-Segmentation} test does. The masks of each image are
 * painted back into its label map and compared with its label PNG on the executors
 * ({@link ImageConfusion}); the partial confusion matrices are summed on the driver, which prints the
 * scores and writes {@code metrics.json} and the metrics table.
 */
public final class MiouJob {

    private static final Logger LOG = LoggerFactory.getLogger(MiouJob.class);

    static final List<String> COLUMNS = List.of("image_id", "file_path", "width", "height", "category_id",
            "class_name", "segmentation");

    private MiouJob() {
    }

    public static SegmentationScores run(SparkSession spark, MiouOptions options, PrintWriter out) {
        long start = System.nanoTime();
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        Dataset<Row> masks = StoredModelTable.MASKS.read(spark, options.results(), options.modelId());
        List<String> columns = Arrays.asList(masks.columns());
        for (String column : COLUMNS) {
            if (!columns.contains(column)) {
                throw new InvalidInputException(options.results() + " has no '" + column + "' column; give the masks"
                        + " table of a segmentation annotate run.");
            }
        }
        Optional<String> modelId = columns.contains(OutputLayout.MODEL_ID)
                ? Optional.ofNullable(masks.select(OutputLayout.MODEL_ID).first().getString(0)) : options.modelId();
        masks = masks.select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
        Row range = masks.agg(min("category_id"), max("category_id"), countDistinct("image_id")).first();
        List<String> classNames = classNames(masks, range, options);
        String root = storage.qualified(options.gtLabels()).toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> hadoopConf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        ImageConfusion perImage = new ImageConfusion(hadoopConf, root, options.mapping(), options.numClasses());
        int partitions = DistributedEvaluation.partitions(spark, range.getLong(2));
        PartialConfusion total = masks.repartition(partitions, col("image_id"))
                .sortWithinPartitions("image_id", "category_id")
                .javaRDD()
                .mapPartitions(rows -> List.of(perImage.all(rows)).iterator())
                .reduce(PartialConfusion::plus);
        total.refuseProblems(options.mapping());
        SegmentationScores scores = new SegmentationScores(total.matrix(), classNames, total.images(),
                total.unpredictedPixels());
        LOG.info("Scored {} images against {} in {} s", total.images(), root,
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
        out.print(scores.text());
        out.flush();
        options.output().ifPresent(dir -> MetricsWriter.write(spark, storage, dir, scores.summary(),
                new MetricsWriter.Scope("miou", options.mapping().label(), options.gtLabels(), options.results(),
                        modelId)));
        return scores;
    }

    /**
     * The names of the scored classes; refuses, in one sentence, masks whose classes the label map cannot
     * score (a class index beyond its classes, or a class name that differs from the dataset's).
     */
    private static List<String> classNames(Dataset<Row> masks, Row range, MiouOptions options) {
        if (range.isNullAt(0)) {
            throw new InvalidInputException("Masks " + options.results() + " hold no rows; there is nothing to"
                    + " evaluate.");
        }
        int highest = range.getInt(1);
        if (range.getInt(0) < 0 || highest >= options.numClasses()) {
            throw new InvalidInputException("Masks " + options.results() + " hold class "
                    + (range.getInt(0) < 0 ? range.getInt(0) : highest) + " but the " + options.mapping().label()
                    + " label map scores " + options.numClasses() + " classes (0-" + (options.numClasses() - 1)
                    + "); evaluate with the label map of the model's dataset"
                    + (options.mapping().classes().isEmpty() ? " or a larger --num-classes." : "."));
        }
        String[] fromMasks = new String[options.numClasses()];
        for (Row row : masks.select("category_id", "class_name").distinct().orderBy("category_id").collectAsList()) {
            fromMasks[row.getInt(0)] = row.isNullAt(1) ? null : row.getString(1);
        }
        Optional<SegmentationClasses> dataset = options.mapping().classes();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < options.numClasses(); c++) {
            int index = c;
            String datasetName = dataset.map(d -> d.classes().get(index).name()).orElse(null);
            if (datasetName != null && fromMasks[c] != null && !datasetName.equalsIgnoreCase(fromMasks[c])) {
                throw new InvalidInputException("Masks " + options.results() + " name class " + c + " '"
                        + fromMasks[c] + "' but class " + c + " of the " + options.mapping().label()
                        + " label map is '" + datasetName + "'; the model was trained on another dataset, so"
                        + " evaluate with its label map (or --label-map identity --num-classes N).");
            }
            names.add(datasetName != null ? datasetName : fromMasks[c] != null ? fromMasks[c] : "class " + c);
        }
        return names;
    }
}
