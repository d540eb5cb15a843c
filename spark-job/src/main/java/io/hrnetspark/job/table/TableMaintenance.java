package io.hrnetspark.job.table;

import io.delta.tables.DeltaTable;
import io.hrnetspark.job.storage.HadoopStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upkeep of a Delta table: compaction of the small files that chunked commits leave (OPTIMIZE), then
 * removal of files no version within the retention needs (VACUUM), which also removes the data files
 * of commits that a killed run never finished.
 */
public final class TableMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);
    /** Delta's own default: readers and writers older than a week are not expected. */
    public static final int DEFAULT_RETAIN_HOURS = 168;
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    /** Vacuum lists the table's files with this many tasks: 10,000 by default, minutes of empty tasks on a laptop. */
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    /** What upkeep did to one table. */
    public record Outcome(String table, long filesBefore, long filesAfter, long filesRemovedByCompaction,
                          long filesAddedByCompaction, long filesVacuumed, long version) {

        public String line() {
            return String.format(Locale.ROOT, "%-12s %6d files -> %6d (compaction removed %d, added %d; vacuum "
                    + "deleted %d), version %d", table, filesBefore, filesAfter, filesRemovedByCompaction,
                    filesAddedByCompaction, filesVacuumed, version);
        }
    }

    private final SparkSession spark;

    public TableMaintenance(SparkSession spark) {
        this.spark = spark;
    }

    public Outcome run(String location, String name, boolean compact, int retainHours) {
        DeltaTable table = DeltaTable.forPath(spark, location);
        long before = files(table);
        long removed = 0;
        long added = 0;
        if (compact) {
            Row metrics = table.optimize().executeCompaction().select("metrics.numFilesRemoved",
                    "metrics.numFilesAdded").head();
            removed = metrics.getLong(0);
            added = metrics.getLong(1);
        }
        long vacuumed = vacuum(table, location, retainHours);
        long after = files(table);
        long version = table.history(1).select("version").head().getLong(0);
        return new Outcome(name, before, after, removed, added, vacuumed, version);
    }

    private long vacuum(DeltaTable table, String location, int retainHours) {
        boolean shortRetention = retainHours < DEFAULT_RETAIN_HOURS;
        String previous = spark.conf().get(RETENTION_CHECK, "true");
        String listing = spark.conf().get(LISTING_PARALLELISM, null);
        if (shortRetention) {
            LOG.warn("Vacuuming {} with a retention of {} h, under Delta's {} h: readers of older versions and runs "
                    + "still writing to it may fail.", location, retainHours, DEFAULT_RETAIN_HOURS);
            spark.conf().set(RETENTION_CHECK, "false");
        }
        if (listing == null) {
            spark.conf().set(LISTING_PARALLELISM, String.valueOf(2 * spark.sparkContext().defaultParallelism()));
        }
        try {
            long filesBefore = countDataFiles(location);
            table.vacuum(retainHours);
            return Math.max(0, filesBefore - countDataFiles(location));
        } finally {
            spark.conf().set(RETENTION_CHECK, previous);
            if (listing == null) {
                spark.conf().unset(LISTING_PARALLELISM);
            }
        }
    }

    private static long files(DeltaTable table) {
        return table.detail().select("numFiles").head().getLong(0);
    }

    /** Parquet files on storage (committed or not), the count vacuum lowers. */
    private long countDataFiles(String location) {
        HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());
        long[] count = {0};
        try {
            storage.forEachRelative(new Path(location), name -> name.endsWith(".parquet"), file -> {
                if (!file.startsWith("_delta_log/")) {
                    count[0]++;
                }
            });
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + location, e);
        }
    }
}
