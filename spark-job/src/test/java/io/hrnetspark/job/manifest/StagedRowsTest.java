package io.hrnetspark.job.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedRowsTest {

    private static final StructType IDS = new StructType().add("id", DataTypes.LongType, false);

    @TempDir
    Path dir;

    @Test
    void aSmallInputStaysInMemory() {
        StagedRows rows = staged(dir.resolve("small"), StagedRows.IN_MEMORY);

        assertEquals(ascending(StagedRows.IN_MEMORY), ids(rows));
        assertFalse(Files.exists(dir.resolve("small")));
    }

    @Test
    void aLargerInputIsWrittenInBatchesAndReadBackWhole() {
        int count = StagedRows.BATCH + StagedRows.IN_MEMORY + 1;
        StagedRows rows = staged(dir.resolve("large"), count);

        assertEquals(ascending(count), ids(rows));
        assertTrue(Files.isDirectory(dir.resolve("large")));
    }

    @Test
    void rowsLeftByAnInterruptedRunAreReplacedNotAddedTo() throws Exception {
        Path location = dir.resolve("again");
        SparkSession spark = ManifestFixture.spark();
        spark.createDataFrame(List.of(RowFactory.create(-1L)), IDS).write().mode(SaveMode.Overwrite)
                .parquet(location.toString());
        StagedRows rows = staged(location, StagedRows.IN_MEMORY + 1);

        assertEquals(ascending(StagedRows.IN_MEMORY + 1), ids(rows));
    }

    private static StagedRows staged(Path location, int count) {
        StagedRows rows = new StagedRows(ManifestFixture.spark(), IDS,
                new org.apache.hadoop.fs.Path(location.toUri()));
        for (long id = 0; id < count; id++) {
            rows.add(RowFactory.create(id));
        }
        rows.close();
        assertEquals(count, rows.count());
        return rows;
    }

    private static List<Long> ascending(int count) {
        return java.util.stream.LongStream.range(0, count).boxed().toList();
    }

    private static List<Long> ids(StagedRows rows) {
        return rows.read().orderBy("id").collectAsList().stream().map(row -> row.getLong(0)).toList();
    }
}
