package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.job.storage.HadoopStorage;
import io.hrnetspark.job.testing.LocalSpark;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.Schedulable;
import org.apache.spark.scheduler.SchedulingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelinedCommitsTest {

    @RegisterExtension
    static final LocalSpark LOCAL = new LocalSpark("local[2]");

    @Test
    void commitWorkRunsInAFairPoolOfItsOwnThatTakesTheNextFreeTaskSlot() {
        assertEquals(SchedulingMode.FAIR(), spark().getSchedulingMode());
        Schedulable pool = spark().getPoolForName(PipelinedCommits.POOL).get();
        assertEquals(1, pool.minShare());

        AtomicReference<String> poolOfStep = new AtomicReference<>();
        try (PipelinedCommits commits = commits()) {
            commits.run(() -> poolOfStep.set(spark().getLocalProperty("spark.scheduler.pool")));
            commits.awaitAll();
        }
        assertEquals(PipelinedCommits.POOL, poolOfStep.get());
        assertNull(spark().getLocalProperty("spark.scheduler.pool"));
    }

    @Test
    void stepsRunInOrderAndAFailedStepFailsTheWait() {
        StringBuilder order = new StringBuilder();
        try (PipelinedCommits commits = commits()) {
            commits.run(() -> order.append("tables "));
            commits.run(() -> order.append("start "));
            commits.run(() -> {
                throw new IllegalStateException("the start record could not be committed");
            });
            assertEquals("the start record could not be committed",
                    assertThrows(IllegalStateException.class, commits::awaitAll).getMessage());
        }
        assertEquals("tables start ", order.toString());
    }

    private PipelinedCommits commits() {
        return new PipelinedCommits(spark(), null, new HadoopStorage(spark().hadoopConfiguration()));
    }

    private static SparkContext spark() {
        return LOCAL.session().sparkContext();
    }
}
