package io.hrnetspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hrnetspark.model.InvalidInputException;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionFactoryTest {

    @Test
    void anEmbeddedLocalSessionHasNoWebUiAndOneShufflePartitionPerCore() {
        SparkConf conf = SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[3]"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("3", conf.get("spark.sql.shuffle.partitions"));
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()),
                SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[*]")).get("spark.sql.shuffle.partitions"));
        assertEquals("1", SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local")).get("spark.sql.shuffle.partitions"));
        assertEquals("2", SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[2,4]")).get("spark.sql.shuffle.partitions"));
    }

    @Test
    void aDriverHeapBelowSparksMinimumIsOneSentenceBeforeSparkStarts() {
        SparkSessionFactory.requireDriverHeap(SparkSessionFactory.MIN_DRIVER_HEAP_BYTES);
        assertEquals("The driver's Java heap (300 MB) is below the 450 MB Spark needs; give it more with"
                + " HRNET_SPARK_DRIVER_MEMORY=4g (submit-scripts/hrnet-spark) or --driver-memory 4g"
                + " (submit-scripts/submit.sh).", assertThrows(InvalidInputException.class,
                        () -> SparkSessionFactory.requireDriverHeap(300L * 1024 * 1024)).getMessage());
    }

    @Test
    void whatTheUserSetIsKept() {
        SparkConf conf = SparkSessionFactory.leanLocal(new SparkConf(false).setMaster("local[2]")
                .set("spark.ui.enabled", "true").set("spark.sql.shuffle.partitions", "64"));
        assertEquals("true", conf.get("spark.ui.enabled"));
        assertEquals("64", conf.get("spark.sql.shuffle.partitions"));
    }

    @Test
    void compiledQueriesAreKeptForDeltasManyQueriesUnlessConfigured() {
        assertEquals("1000", SparkSessionFactory.withDelta(new SparkConf(false)).get("spark.sql.codegen.cache.maxEntries"));
        assertEquals("50", SparkSessionFactory.withDelta(new SparkConf(false)
                .set("spark.sql.codegen.cache.maxEntries", "50")).get("spark.sql.codegen.cache.maxEntries"));
    }

    @Test
    void clusterSessionsKeepSparksDefaults() {
        for (String master : new String[] {"spark://head:7077", "yarn", "k8s://https://api:6443", "local-cluster[2,1,1024]"}) {
            SparkConf conf = SparkSessionFactory.leanLocal(new SparkConf(false).setMaster(master));
            assertFalse(conf.contains("spark.ui.enabled"), master);
            assertFalse(conf.contains("spark.sql.shuffle.partitions"), master);
        }
    }

    @Test
    void gpuSettingsWithACpuBuildAreOneSentenceBeforeSparkStarts() {
        SparkConf gpus = new SparkConf(false).set("spark.executor.resource.gpu.amount", "1")
                .set("spark.task.resource.gpu.amount", "0.25");
        assertEquals("The Spark settings ask for GPUs (spark.executor.resource.gpu.amount=1), but hrnet-spark.jar was"
                + " built without the CUDA backend, so the tasks would compute on the CPU; rebuild it with"
                + " mvn -B -Pcuda -DskipTests package, or drop the -gpu settings.", assertThrows(InvalidInputException.class,
                        () -> SparkSessionFactory.requireGpuBackend(gpus, false)).getMessage());
        SparkSessionFactory.requireGpuBackend(gpus, true);
        SparkSessionFactory.requireGpuBackend(new SparkConf(false).set("spark.task.resource.gpu.amount", "0.0"), false);
        SparkSessionFactory.requireGpuBackend(new SparkConf(false), false);
    }

    @Test
    void theCudaBuildOnALocalMasterWithoutADriverStopsBeforeSparkStarts() {
        UnsatisfiedLinkError noDriver = new UnsatisfiedLinkError("/root/.javacpp/cache/hrnet-spark.jar/org/bytedeco/cuda/"
                + "linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        Runnable withoutDriver = () -> {
            throw noDriver;
        };
        IllegalStateException stopped = assertThrows(IllegalStateException.class,
                () -> SparkSessionFactory.requireCudaDriverForLocal("local[*]", true, withoutDriver));
        assertSame(noDriver, stopped.getCause(), "the CLI names the missing driver from this cause");
        SparkSessionFactory.requireCudaDriverForLocal("spark://head:7077", true, withoutDriver);
        SparkSessionFactory.requireCudaDriverForLocal("local[2]", false, withoutDriver);
        SparkSessionFactory.requireCudaDriverForLocal("local", true, () -> { });
    }
}
