package io.hrnetspark.job.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.job.testing.LocalSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeltaTablesTest {

    @RegisterExtension
    static final LocalSpark LOCAL = new LocalSpark("local[2]");

    private static final StructType SCHEMA = new StructType()
            .add("model_id", DataTypes.StringType, false)
            .add("image_id", DataTypes.LongType, false)
            .add("person_index", DataTypes.IntegerType, false)
            .add("value", DataTypes.StringType, true);

    @TempDir
    Path dir;

    @Test
    void aReplaceMakesTheRowsTheScopesOnlyRowsAndLeavesOtherImagesAlone() {
        DeltaTables delta = new DeltaTables(spark());
        KeyedTable table = table();
        delta.replace(table, rows(row(1, 0, "a"), row(1, 1, "b"), row(2, 0, "c")), 3, scope(1, 2), "first");
        long version = delta.replace(table, rows(row(1, 0, "a2")), 1, scope(1), "again");

        assertEquals(Map.of("m 1 0", "a2", "m 2 0", "c"), content(delta, table));
        assertEquals(2, version, "the version of this commit, found by its token");
    }

    @Test
    void noRowsDeleteTheScopeAndAnEmptyScopeCommitsNothing() {
        DeltaTables delta = new DeltaTables(spark());
        KeyedTable table = table();
        delta.replace(table, rows(row(1, 0, "a"), row(2, 0, "b")), 2, scope(1, 2), "first");

        delta.replace(table, rows(), 0, scope(1), "delete image 1");
        assertEquals(Map.of("m 2 0", "b"), content(delta, table));
        assertEquals(-1, delta.replace(table, rows(), 0, scope(7), "nothing to delete"));
    }

    @Test
    void committingNewImagesRewritesNoEarlierFile() {
        DeltaTables delta = new DeltaTables(spark());
        KeyedTable table = table();
        for (int chunk = 0; chunk < 3; chunk++) {
            long first = chunk * 10L;
            delta.replace(table, rows(row(first + 5, 0, "x"), row(first + 1, 0, "y")), 2, scope(first + 5, first + 1),
                    "chunk " + chunk);
        }
        List<Row> writes = spark().sql("DESCRIBE HISTORY delta.`" + table.location() + "`")
                .where("operation = 'WRITE'").select("operationMetrics").collectAsList();
        assertEquals(3, writes.size());
        for (Row metrics : writes) {
            Map<String, String> m = metrics.getJavaMap(0);
            assertEquals("0", m.get("numRemovedFiles"), "a chunk of new images must not rewrite the table: " + m);
            assertEquals("0", m.get("numCopiedRows"), m.toString());
        }
        assertEquals(6, content(delta, table).size());
    }

    @Test
    void rowsOutsideTheScopeAreRefused() {
        DeltaTables delta = new DeltaTables(spark());
        KeyedTable table = table();
        assertThrows(Exception.class, () -> delta.replace(table, rows(row(3, 0, "z")), 1, scope(1), "wrong scope"));
        assertEquals(Map.of(), content(delta, table));
    }

    private KeyedTable table() {
        return new KeyedTable(new org.apache.hadoop.fs.Path(dir.resolve("t").toUri()), SCHEMA,
                List.of("model_id", "image_id", "person_index"), "model_id");
    }

    private static String scope(long... imageIds) {
        StringBuilder ids = new StringBuilder();
        for (long id : imageIds) {
            ids.append(ids.length() == 0 ? "" : ",").append(id);
        }
        return "model_id = 'm' AND image_id IN (" + ids + ")";
    }

    private static Row row(long imageId, int person, String value) {
        return RowFactory.create("m", imageId, person, value);
    }

    private static Dataset<Row> rows(Row... rows) {
        return spark().createDataFrame(List.of(rows), SCHEMA);
    }

    private static Map<String, String> content(DeltaTables delta, KeyedTable table) {
        Map<String, String> rows = new TreeMap<>();
        delta.create(table);
        for (Row row : delta.read(table).collectAsList()) {
            String key = row.getString(0) + " " + row.getLong(1) + " " + row.getInt(2);
            assertEquals(null, rows.put(key, row.getString(3)), "duplicate key " + key);
        }
        return rows;
    }

    private static SparkSession spark() {
        return LOCAL.session();
    }
}
