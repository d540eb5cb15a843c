package io.hrnetspark.job.table;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits to {@link KeyedTable}s, each commit one Delta transaction tagged with a token (the run and
 * step) that the table's history shows, retried on the new snapshot when a concurrent writer wins.
 */
public final class DeltaTables {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);

    /** Session setting whose value Delta records as the {@code userMetadata} of the next commits. */
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private final SparkSession spark;
    /** The folder of a Delta table's transaction log, in the table's folder. */
    public static final String LOG_DIRECTORY = "_delta_log";

    private final Set<String> created = ConcurrentHashMap.newKeySet();

    public DeltaTables(SparkSession spark) {
        this.spark = spark;
    }

    /** Whether {@code location} holds a Delta table. */
    public boolean exists(String location) {
        return DeltaTable.isDeltaTable(spark, location);
    }

    /** The table's current rows. */
    public Dataset<Row> read(KeyedTable table) {
        return spark.read().format("delta").load(table.location().toString());
    }

    /**
     * Creates the table, empty, unless it exists (a concurrent creation counts as existing); once per table
     * and instance, so that commits after the first do not read the log again for it.
     */
    public void create(KeyedTable table) {
        if (created.contains(table.location().toString())) {
            return;
        }
        CommitConflicts.retry("Creating table " + table.name(), () -> {
            DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).location(table.location().toString());
            for (StructField field : table.schema().fields()) {
                builder = builder.addColumn(withStorableNullability(field));
            }
            if (table.partitionColumn() != null) {
                builder = builder.partitionedBy(table.partitionColumn());
            }
            try {
                builder.execute();
            } catch (Exception e) { // Delta's AnalysisException is checked in Java's eyes, thrown from Scala
                throw CommitConflicts.concurrentCreation(e, table.location().toString());
            }
            return null;
        });
        created.add(table.location().toString());
    }

    /**
     * Makes {@code rows} the table's only rows within a scope, in one commit: Delta's {@code replaceWhere}
     * overwrite, which deletes the scope's rows and adds {@code rows}. Unlike a merge with a "not matched by
     * source" clause, it rewrites only the files that hold rows of the scope (none, for images seen the first
     * time), so a commit's cost does not grow with the table.
     *
     * @param rows     rows that all lie within the scope (Delta checks it)
     * @param rowCount how many rows {@code rows} holds, known to the caller (saves counting them again)
     * @param scope    the SQL condition on the table's columns that delimits the replaced rows
     * @return the table version of the commit, or -1 when there was nothing to change
     */
    public long replace(KeyedTable table, Dataset<Row> rows, long rowCount, String scope, String token) {
        create(table);
        long start = System.nanoTime();
        long version = CommitConflicts.retry("Committing " + table.name() + " (" + token + ")", () -> {
            if (rowCount == 0 && read(table).where(scope).isEmpty()) {
                return -1L;
            }
            rows.select(columns(table)).write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", scope)
                    .option("userMetadata", token)
                    .save(table.location().toString());
            return committedVersion(DeltaTable.forPath(spark, table.location().toString()), token);
        });
        LOG.debug("{}: version {} in {} ms", token, version, (System.nanoTime() - start) / 1_000_000);
        return version;
    }

    /** Inserts or updates {@code rows} by key in one commit. */
    public void record(KeyedTable table, Dataset<Row> rows, String token) {
        create(table);
        CommitConflicts.retry("Committing " + table.name() + " (" + token + ")", () -> {
            DeltaTable delta = DeltaTable.forPath(spark, table.location().toString());
            spark.conf().set(USER_METADATA, token);
            try {
                delta.as("t").merge(rows.select(columns(table)).as("s"), table.keyCondition())
                        .whenMatched().updateAll()
                        .whenNotMatched().insertAll()
                        .execute();
            } finally {
                spark.conf().unset(USER_METADATA);
            }
            return null;
        });
    }

    /**
     * The column with NOT NULL kept on itself only: Delta refuses NOT NULL inside arrays and maps, and
     * rows read back from staged Parquet files have nullable nested fields, which cannot be cast to
     * NOT NULL ones.
     */
    static StructField withStorableNullability(StructField field) {
        return new StructField(field.name(), nullableInside(field.dataType()), field.nullable(), field.metadata());
    }

    private static DataType nullableInside(DataType type) {
        if (type instanceof ArrayType array) {
            return DataTypes.createArrayType(nullableInside(array.elementType()), true);
        }
        if (type instanceof MapType map) {
            return DataTypes.createMapType(nullableInside(map.keyType()), nullableInside(map.valueType()), true);
        }
        if (type instanceof StructType struct) {
            StructType relaxed = new StructType();
            for (StructField f : struct.fields()) {
                relaxed = relaxed.add(f.name(), nullableInside(f.dataType()), true, f.metadata());
            }
            return relaxed;
        }
        return type;
    }

    /** The version of this writer's commit tagged {@code token} (concurrent writers may have committed after it). */
    private static long committedVersion(DeltaTable delta, String token) {
        List<Row> versions = delta.history(50).where(col("userMetadata").equalTo(token))
                .select("version").limit(1).collectAsList();
        return versions.isEmpty() ? -1L : versions.get(0).getLong(0);
    }

    private static org.apache.spark.sql.Column[] columns(KeyedTable table) {
        return java.util.Arrays.stream(table.schema().fieldNames()).map(name -> col("`" + name + "`"))
                .toArray(org.apache.spark.sql.Column[]::new);
    }
}
