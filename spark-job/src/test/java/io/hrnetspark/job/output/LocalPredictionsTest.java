package io.hrnetspark.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.eval.SparkTestSession;
import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and render read predictions without Spark (Delta Kernel); they must see the rows Spark sees, and
 * choose the model by the same rules.
 */
class LocalPredictionsTest {

    private final SparkSession spark = SparkTestSession.get();
    private final HadoopStorage storage = new HadoopStorage(spark.sparkContext().hadoopConfiguration());

    @TempDir
    Path tmp;

    private static Row row(long image, int person, String model) {
        Row[] points = new Row[17];
        for (int k = 0; k < points.length; k++) {
            points[k] = RowFactory.create(image + k + 0.25f, person * 10f + k, (k % 5) / 4f);
        }
        return RowFactory.create(image, "img/" + image + ".jpg", 640, 480, person,
                RowFactory.create(image + 0.5, person + 0.5, 30.0, 60.0), 0.9, points, 0.5 + person / 10.0,
                person % 2 == 0, "run-1", model);
    }

    private Dataset<Row> rows(String model, int images) {
        List<Row> rows = new ArrayList<>();
        for (long image = 1; image <= images; image++) {
            for (int person = 0; person < 3; person++) {
                rows.add(row(image * 7, person, model));
            }
        }
        return spark.createDataFrame(rows, PredictionsTable.SCHEMA).repartition(3);
    }

    private List<StoredPerson> local(String location, Optional<String> model) {
        List<StoredPerson> persons = new ArrayList<>();
        LocalPredictions.read(storage, location, model, persons::add);
        persons.sort(Comparator.comparingLong(StoredPerson::imageId).thenComparingInt(StoredPerson::personIndex));
        return persons;
    }

    private List<StoredPerson> spark(String location, Optional<String> model) {
        return StoredPredictions.read(spark, location, model).orderBy("image_id", "person_index").collectAsList()
                .stream().map(LocalPredictionsTest::person).toList();
    }

    private static StoredPerson person(Row row) {
        Row box = row.getStruct(row.fieldIndex("box"));
        List<Row> points = row.getList(row.fieldIndex("keypoints"));
        float[][] keypoints = points.stream().map(p -> new float[] {p.getFloat(0), p.getFloat(1), p.getFloat(2)})
                .toArray(float[][]::new);
        return new StoredPerson(row.getLong(row.fieldIndex("image_id")), row.getString(row.fieldIndex("file_path")),
                row.getInt(row.fieldIndex("person_index")), new double[] {box.getDouble(0), box.getDouble(1),
                    box.getDouble(2), box.getDouble(3)}, keypoints, row.getDouble(row.fieldIndex("score")),
                row.getBoolean(row.fieldIndex("nms_kept")));
    }

    private static void assertSamePersons(List<StoredPerson> expected, List<StoredPerson> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            StoredPerson e = expected.get(i);
            StoredPerson a = actual.get(i);
            assertEquals(List.of(e.imageId(), e.filePath(), e.personIndex(), e.score(), e.nmsKept()),
                    List.of(a.imageId(), a.filePath(), a.personIndex(), a.score(), a.nmsKept()));
            assertEquals(Arrays.toString(e.box()), Arrays.toString(a.box()));
            assertEquals(Arrays.deepToString(e.keypoints()), Arrays.deepToString(a.keypoints()));
        }
    }

    @Test
    void theCurrentRowsOfADeltaTableAsSparkReadsThem() throws IOException {
        String out = tmp.resolve("out").toString();
        String table = out + "/predictions";
        spark.sql("CREATE TABLE delta.`" + table + "` (" + PredictionsTable.SCHEMA.toDDL() + ") USING delta"
                + " PARTITIONED BY (model_id) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        rows("w32-abc", 6).write().format("delta").mode(SaveMode.Append).save(table);
        rows("w48-def", 4).write().format("delta").mode(SaveMode.Append).save(table);
        // a deletion vector: rows removed without rewriting their file
        spark.sql("DELETE FROM delta.`" + table + "` WHERE model_id = 'w32-abc' AND image_id = 14"
                + " AND person_index = 1");
        assertTrue(Files.readString(Path.of(table, "_delta_log", "00000000000000000003.json"))
                .contains("\"deletionVector\":{"), "the delete wrote a deletion vector");

        List<StoredPerson> w32 = local(table, Optional.of("w32-abc"));
        assertEquals(6 * 3 - 1, w32.size());
        assertSamePersons(spark(table, Optional.of("w32-abc")), w32);
        List<StoredPerson> w48 = local(out, Optional.of("w48-def"));
        assertEquals(4 * 3, w48.size());
        assertSamePersons(w48, local(table + "/model_id=w48-def", Optional.empty()));

        for (String location : List.of(out, table)) {
            assertEquals("Predictions " + location + " hold 2 models (w32-abc, w48-def); choose one with --model-id.",
                    assertThrows(InvalidInputException.class, () -> local(location, Optional.empty())).getMessage());
        }
        assertEquals("Predictions " + table + " have no model 'w18'; they hold w32-abc, w48-def.",
                assertThrows(InvalidInputException.class, () -> local(table, Optional.of("w18"))).getMessage());
        assertEquals("Predictions " + tmp.resolve("none") + " do not exist; pass the output directory of an annotate"
                + " run (or its predictions table).", assertThrows(InvalidInputException.class,
                        () -> local(tmp.resolve("none").toString(), Optional.empty())).getMessage());
    }

    @Test
    void anEmptyDeltaTableHoldsNoRows() {
        String table = tmp.resolve("predictions").toString();
        spark.createDataFrame(List.of(), PredictionsTable.SCHEMA).write().format("delta").partitionBy("model_id")
                .save(table);
        assertEquals("Predictions " + table + " hold no rows; run annotate first.",
                assertThrows(InvalidInputException.class, () -> local(table, Optional.empty())).getMessage());
    }

    @Test
    void aDeltaLogWithoutCommitsIsOneSentence() throws IOException {
        Path table = Files.createDirectories(tmp.resolve("out/predictions/_delta_log")).getParent();
        assertEquals("file:" + table + " has a Delta log without any commit (a run killed while creating it?); run"
                        + " annotate on that output again, or give another table.",
                assertThrows(InvalidInputException.class,
                        () -> local(tmp.resolve("out").toString(), Optional.empty())).getMessage());
    }

    @Test
    void plainParquetFlatOrPartitionedByModel() {
        String flat = tmp.resolve("flat").toString();
        rows("w32-abc", 5).write().parquet(flat);
        assertSamePersons(spark(flat, Optional.empty()), local(flat, Optional.empty()));

        String partitioned = tmp.resolve("partitioned").toString();
        rows("w32-abc", 5).union(rows("w48 def", 3)).write().partitionBy("model_id").parquet(partitioned);
        List<StoredPerson> w48 = local(partitioned, Optional.of("w48 def"));
        assertEquals(List.of(7L, 14L, 21L), w48.stream().map(StoredPerson::imageId).distinct().toList());
        assertSamePersons(local(flat, Optional.empty()).subList(0, 9), w48);
        assertEquals("Predictions " + partitioned + " hold 2 models (w32-abc, w48 def); choose one with --model-id.",
                assertThrows(InvalidInputException.class, () -> local(partitioned, Optional.empty())).getMessage());
    }
}
