package io.hrnetspark.job.output;

import org.apache.hadoop.fs.Path;

/** The tables and working folders under an output directory {@code OUT}. */
public record OutputLayout(Path root) {

    /** Partition column of the predictions and errors tables. */
    public static final String MODEL_ID = "model_id";

    public Path predictions() {
        return new Path(root, PredictionsTable.DIRECTORY);
    }

    public Path errors() {
        return new Path(root, ErrorsTable.DIRECTORY);
    }

    public Path images() {
        return new Path(root, ImagesTable.DIRECTORY);
    }

    public Path runs() {
        return new Path(root, RunTable.DIRECTORY);
    }

    /** Where runs stage their chunks before committing them; never read by a table reader. */
    public Path stagingRoot() {
        return new Path(root, "_staging");
    }

    public Path staging(String runId) {
        return new Path(stagingRoot(), runId);
    }

    public Path stagedChunk(String runId, int chunk) {
        return new Path(staging(runId), String.format("chunk-%06d", chunk));
    }

    /** Where live runs announce themselves ({@code RUN_ID.json}). */
    public Path leases() {
        return new Path(root, "_leases");
    }
}
