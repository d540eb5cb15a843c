package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hrnetspark.job.manifest.ImageTask;
import io.hrnetspark.job.manifest.ManifestTable;
import io.hrnetspark.job.output.DoneImages;
import io.hrnetspark.job.testing.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WorkPlanTest {

    @RegisterExtension
    static final LocalSpark LOCAL = new LocalSpark("local[2]");

    @TempDir
    Path dir;

    @Test
    void smallAndStagedPlansHoldTheImagesNotDoneInIdOrder() {
        List<Row> rows = new ArrayList<>();
        for (long id = 20; id >= 1; id--) { // listed out of order
            List<Row> boxes = new ArrayList<>();
            for (int b = 0; b < id % 3; b++) {
                boxes.add(RowFactory.create(b, 1.0 * id, 2.0, 30.0, 40.0, 0.9));
            }
            rows.add(RowFactory.create(id, "img/" + id + ".png", boxes.toArray(new Row[0])));
        }
        Dataset<Row> manifest = spark().createDataFrame(rows, ManifestTable.SCHEMA);
        Dataset<Row> done = spark().createDataFrame(List.of(RowFactory.create(3L), RowFactory.create(7L)),
                new StructType().add("image_id", DataTypes.LongType, false));

        WorkPlan small = WorkPlan.of(spark(), manifest, 20, done, staging("small"));
        WorkPlan staged = WorkPlan.of(spark(), manifest, WorkPlan.IN_MEMORY + 1, done, staging("staged"));

        for (WorkPlan plan : List.of(small, staged)) {
            assertEquals(18, plan.images());
            assertEquals(20, plan.boxes()); // ids 1..20 without 3 and 7: the sum of id % 3
            List<ImageTask> all = plan.range(0, 100);
            assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 8L), all.subList(0, 6).stream().map(ImageTask::imageId).toList());
            assertEquals(all.subList(5, 9), plan.range(5, 9));
            assertEquals(List.of(), plan.range(18, 30));
        }
        assertEquals(small.range(0, 18), staged.range(0, 18));
        assertEquals(20, WorkPlan.of(spark(), manifest, 20, DoneImages.none(spark()), staging("none")).images());
    }

    private org.apache.hadoop.fs.Path staging(String name) {
        return new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
    }

    private static SparkSession spark() {
        return LOCAL.session();
    }
}
