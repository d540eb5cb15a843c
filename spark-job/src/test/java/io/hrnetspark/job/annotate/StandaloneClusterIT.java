package io.hrnetspark.job.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hrnetspark.job.output.PredictionsTable;
import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.BoxEchoModelFactory;
import io.hrnetspark.job.testing.TestSamples;
import io.hrnetspark.job.testing.StandaloneCluster;
import io.hrnetspark.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Annotate on a real two-executor cluster (standalone master and two workers, separate JVMs), each
 * worker declaring one fake GPU: one network per executor JVM, reused by all its tasks, closed when the
 * executor stops; every task gets the GPU address of its executor.
 */
@Timeout(600)
class StandaloneClusterIT {

    @TempDir
    Path dir;

    @Test
    void oneNetworkPerExecutorJvmOnTheGpuSparkAssigned() throws Exception {
        SyntheticPeople.Summary sample = TestSamples.generate(new SyntheticPeople.Spec(16, 96, 64, 2, 21), dir);
        String config = Files.writeString(dir.resolve("echo.yaml"), "MODEL: {}").toString();
        Path events = dir.resolve("events");
        String output = dir.resolve("out").toString();
        long driverPid = ProcessHandle.current().pid();

        try (StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(dir.resolve("cluster")),
                List.of("0", "1"))) {
            SparkSession spark = SparkSession.builder().config(TestSpark.conf(cluster.masterUrl())
                    .set("spark.executor.cores", "1")
                    .set("spark.cores.max", "2")
                    .set("spark.executor.memory", "768m")
                    .set("spark.executor.resource.gpu.amount", "1")
                    .set("spark.task.resource.gpu.amount", "1")
                    .set("spark.executor.extraClassPath", cluster.classDirectories())
                    .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                    .set("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")).getOrCreate();
            AnnotateResult result;
            try {
                awaitExecutors(spark, 2, cluster);
                result = new AnnotateJob(spark, new BoxEchoModelFactory(events.toString(), -1, 0)).run(
                        AnnotateJobTest.options(sample.imagesRoot().toString(), sample.annotationsFile().toString(),
                                null, config, null, output, 4, false, 8));
                assertEquals(sample.people(),
                        spark.read().format("delta").load(Path.of(output, PredictionsTable.DIRECTORY).toString()).count());
            } finally {
                spark.stop();
            }
            assertEquals(List.of("gpu:0 (ND4J CPU backend)", "gpu:1 (ND4J CPU backend)"), result.run().devices(),
                    "each executor's tasks saw their worker's GPU; this build has ND4J's CPU backend");

            Map<String, List<String>> byKind = events(events, 0);
            List<String> builds = byKind.getOrDefault("build", List.of());
            Set<String> buildPids = builds.stream().map(e -> e.split("-")[1]).collect(Collectors.toSet());
            assertEquals(2, builds.size(), "one build per executor: " + builds);
            assertEquals(2, buildPids.size(), "two executor JVMs: " + builds);
            assertFalse(buildPids.contains(String.valueOf(driverPid)), "built in executors, not the driver");

            Map<String, Set<String>> partitionsByPid = byKind.get("task").stream().collect(Collectors.groupingBy(
                    e -> e.split("-")[1], Collectors.mapping(e -> e.split("-")[3], Collectors.toCollection(TreeSet::new))));
            // One build per executor JVM and tasks on both: each network served every task its executor ran
            // (how the scheduler shares the 8 tasks out varies, under load 7 to 1).
            assertEquals(buildPids, partitionsByPid.keySet(), "tasks ran on both executors: " + partitionsByPid);
            assertEquals(8, partitionsByPid.values().stream().mapToInt(Set::size).sum(), "every partition ran once");

            Map<String, List<String>> afterStop = events(events, 2);
            Set<String> closedPids = afterStop.get("close").stream().map(e -> e.split("-")[1])
                    .collect(Collectors.toSet());
            assertEquals(buildPids, closedPids, "each executor closed its network when it stopped");
        }
    }

    private static void awaitExecutors(SparkSession spark, int executors, StandaloneCluster cluster)
            throws InterruptedException {
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("executors did not register:\n" + cluster.logs());
            }
            Thread.sleep(500);
        }
    }

    /** Event files by kind ("build", "task", "close"); waits until at least {@code closes} close events. */
    private static Map<String, List<String>> events(Path events, int closes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Map<String, List<String>> byKind;
            try (Stream<Path> files = Files.list(events)) {
                byKind = files.map(p -> p.getFileName().toString())
                        .collect(Collectors.groupingBy(name -> name.substring(0, name.indexOf('-')),
                                Collectors.mapping(Function.identity(), Collectors.toList())));
            }
            if (byKind.getOrDefault("close", List.of()).size() >= closes || System.nanoTime() > deadline) {
                return byKind;
            }
            Thread.sleep(250);
        }
    }
}
