package io.hrnetspark.job.output;

import java.sql.Timestamp;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code OUT/run}: one row per run ({@link RunRecord}), keyed by {@code run_id}. */
public final class RunTable {

    public static final String DIRECTORY = "run";

    public static final StructType COUNTS = new StructType()
            .add("images_listed", DataTypes.LongType, false)
            .add("images_without_boxes", DataTypes.LongType, false)
            .add("images_already_done", DataTypes.LongType, false)
            .add("images_annotated", DataTypes.LongType, false)
            .add("images_failed", DataTypes.LongType, false)
            .add("boxes", DataTypes.LongType, false)
            .add("boxes_skipped", DataTypes.LongType, false)
            .add("detections_without_image", DataTypes.LongType, false)
            .add("persons", DataTypes.LongType, false)
            .add("persons_kept", DataTypes.LongType, false)
            .add("masks", DataTypes.LongType, false)
            .add("error_rows", DataTypes.LongType, false);

    public static final StructType SECONDS = new StructType()
            .add("manifest", DataTypes.DoubleType, false)
            .add("inference", DataTypes.DoubleType, false)
            .add("write", DataTypes.DoubleType, false)
            .add("total", DataTypes.DoubleType, false);

    public static final StructType COMMIT = new StructType()
            .add("chunk", DataTypes.IntegerType, false)
            .add("images", DataTypes.LongType, false)
            .add("versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), false);

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("finished_at", DataTypes.TimestampType, true)
            .add("master", DataTypes.StringType, false)
            .add("images_root", DataTypes.StringType, false)
            .add("annotations", DataTypes.StringType, true)
            .add("box_source", DataTypes.StringType, false)
            .add("detections_file", DataTypes.StringType, true)
            .add("box_score_threshold", DataTypes.DoubleType, true)
            .add("config_file", DataTypes.StringType, false)
            .add("config_yaml", DataTypes.StringType, false)
            .add("weights_file", DataTypes.StringType, true)
            .add("weights_sha256", DataTypes.StringType, true)
            .add("random_weights", DataTypes.BooleanType, false)
            .add("flip_test", DataTypes.BooleanType, false)
            .add("head", DataTypes.StringType, false)
            .add("in_vis_threshold", DataTypes.DoubleType, true)
            .add("oks_threshold", DataTypes.DoubleType, true)
            .add("batch_size", DataTypes.IntegerType, false)
            .add("partitions", DataTypes.IntegerType, false)
            .add("overwrite", DataTypes.BooleanType, false)
            .add("retry_errors", DataTypes.BooleanType, false)
            .add("commit_every", DataTypes.IntegerType, true)
            .add("max_image_pixels", DataTypes.LongType, false)
            .add("precision", DataTypes.StringType, false)
            .add("hrnet_spark_version", DataTypes.StringType, false)
            .add("spark_version", DataTypes.StringType, false)
            .add("java_version", DataTypes.StringType, false)
            .add("devices", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("counts", COUNTS, false)
            .add("seconds", SECONDS, false)
            .add("commits", DataTypes.createArrayType(COMMIT, false), false);

    private RunTable() {
    }

    /** The run's rows, as a SQL condition: what each of its records replaces. */
    public static String scope(String runId) {
        if (!runId.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("Unsafe run id " + runId);
        }
        return "run_id = '" + runId + "'";
    }

    public static Row row(RunRecord r) {
        RunSettings s = r.settings();
        RunCounts c = r.counts();
        RunTimings t = r.seconds();
        Row[] commits = r.commits().stream().map(commit -> RowFactory.create(commit.chunk(),
                commit.imagesAnnotated() + commit.imagesFailed(),
                new TreeMap<>(commit.versions()))).toArray(Row[]::new);
        return RowFactory.create(s.runId(), s.modelId(), r.status(), Timestamp.from(s.startedAt()),
                r.finishedAt() == null ? null : Timestamp.from(r.finishedAt()), s.master(), s.imagesRoot(),
                s.annotations(), s.boxSource(), s.detectionsFile(), s.boxScoreThreshold(), s.configFile(),
                s.configYaml(), s.weightsFile(), s.weightsSha256(), s.randomWeights(), s.flipTest(),
                s.head(), s.inVisThreshold(), s.oksThreshold(), s.batchSize(), r.partitions(), s.overwrite(), s.retryErrors(),
                s.commitEvery(), s.maxImagePixels(), s.precision(), s.hrnetSparkVersion(), s.sparkVersion(), s.javaVersion(),
                r.devices().toArray(new String[0]),
                RowFactory.create(c.imagesListed(), c.imagesWithoutBoxes(), c.imagesAlreadyDone(), c.imagesAnnotated(),
                        c.imagesFailed(), c.boxes(), c.boxesSkipped(), c.detectionsWithoutImage(), c.persons(),
                        c.personsKept(), c.masks(), c.errorRows()),
                RowFactory.create(t.manifest(), t.inference(), t.write(), t.total()), commits);
    }
}
