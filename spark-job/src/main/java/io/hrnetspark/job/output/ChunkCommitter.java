package io.hrnetspark.job.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.hrnetspark.job.table.DeltaTables;
import io.hrnetspark.job.table.KeyedTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a staged chunk to the output tables, one Delta transaction per table, in an order that makes
 * any interruption harmless: the results ({@code predictions} or {@code masks}) and {@code errors} first,
 * each replacing every row of
 * the chunk's images, then {@code images}, which marks them done. A kill before the last commit leaves
 * the chunk's images not done, so the next run redoes them and its commits replace the same rows.
 */
public final class ChunkCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkCommitter.class);

    private final SparkSession spark;
    private final DeltaTables delta;
    private final AnnotateTables tables;
    private final String runId;
    private final CommitListener listener;

    public ChunkCommitter(SparkSession spark, DeltaTables delta, AnnotateTables tables, String runId,
                          CommitListener listener) {
        this.spark = spark;
        this.delta = delta;
        this.tables = tables;
        this.runId = runId;
        this.listener = listener;
    }

    /** Creates the run's tables, unless they exist. */
    public void createTables() {
        for (KeyedTable table : List.of(tables.results(), tables.errors(), tables.images(), tables.runs())) {
            delta.create(table);
        }
    }

    public ChunkCommit commit(int chunk, Path staged, ImageScope scope) {
        long start = System.nanoTime();
        Dataset<Row> rows = spark.read().schema(StagingTable.SCHEMA).parquet(staged.toString());
        boolean masks = StagingTable.MASK.equals(tables.resultColumn());
        Row totals = rows.agg(
                count(col(tables.resultColumn())),
                masks ? count(col(StagingTable.MASK)) : sum(when(col(StagingTable.PREDICTION + ".nms_kept"), 1L)
                        .otherwise(0L)),
                count(col(StagingTable.ERROR)),
                sum(when(col(StagingTable.IMAGE + ".status").equalTo(ImagesTable.ANNOTATED), 1L).otherwise(0L)),
                sum(when(col(StagingTable.IMAGE + ".status").equalTo(ImagesTable.FAILED), 1L).otherwise(0L)))
                .head();
        Map<String, Long> versions = new LinkedHashMap<>();
        replace(chunk, tables.results(), part(rows, tables.resultColumn()), totals.getLong(0), scope, versions);
        replace(chunk, tables.errors(), part(rows, StagingTable.ERROR), totals.getLong(2), scope, versions);
        replace(chunk, tables.images(), part(rows, StagingTable.IMAGE), scope.imageIds().length, scope, versions);
        LOG.info("Chunk {} committed in {} ms: {} images, table versions {}", chunk,
                (System.nanoTime() - start) / 1_000_000, scope.imageIds().length, versions);
        long results = totals.getLong(0);
        return new ChunkCommit(chunk, longOrZero(totals, 3), longOrZero(totals, 4), masks ? 0 : results,
                masks ? 0 : longOrZero(totals, 1), masks ? results : 0, totals.getLong(2), versions);
    }

    private void replace(int chunk, KeyedTable table, Dataset<Row> rows, long rowCount, ImageScope scope,
                         Map<String, Long> versions) {
        listener.beforeCommit(chunk, table.name());
        long version = delta.replace(table, rows, rowCount, scope.condition(), token(chunk, table));
        versions.put(table.name(), version);
        listener.afterCommit(chunk, table.name(), version);
    }

    private String token(int chunk, KeyedTable table) {
        return "hrnet-spark annotate run " + runId + " chunk " + chunk + " " + table.name();
    }

    private static Dataset<Row> part(Dataset<Row> staged, String column) {
        return staged.where(col(column).isNotNull()).select(column + ".*");
    }

    private static long longOrZero(Row row, int i) {
        return row.isNullAt(i) ? 0 : row.getLong(i);
    }
}
