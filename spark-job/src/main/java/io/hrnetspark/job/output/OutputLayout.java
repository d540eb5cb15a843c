package io.hrnetspark.job.output;

import org.apache.hadoop.fs.Path;

/** The datasets under an output directory {@code OUT}. */
public record OutputLayout(Path root) {

    /** Partition column of the predictions and errors tables. */
    public static final String MODEL_ID = "model_id";

    public Path predictions() {
        return new Path(root, PredictionsTable.DIRECTORY);
    }

    public Path errors() {
        return new Path(root, ErrorsTable.DIRECTORY);
    }

    public Path runs() {
        return new Path(root, RunTable.DIRECTORY);
    }

    public Path stagingRoot() {
        return new Path(root, "_staging");
    }

    public Path staging(String runId) {
        return new Path(stagingRoot(), runId);
    }

    /** The directory of one model's rows in a partitioned table (model ids need no escaping). */
    public static Path modelPartition(Path table, String modelId) {
        return new Path(table, MODEL_ID + "=" + modelId);
    }
}
