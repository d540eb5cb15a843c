package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.eval.SparkTestSession;
import io.hrnetspark.job.testing.TestJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting Spark goes wrong in one sentence and exit code 2, in a JVM of its own as a user runs it. */
class CliStartupIT {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, List<String> lines) {
    }

    private Outcome run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("cli-" + System.nanoTime() + ".log");
        TestJvm jvm = TestJvm.start(HrnetSparkCli.class, List.of(args), log, jvmOptions);
        assertTrue(jvm.process().waitFor(120, TimeUnit.SECONDS), jvm.tail());
        return new Outcome(jvm.process().exitValue(), Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("hrnet-spark:") || line.contains("Exception")).toList());
    }

    private String[] evaluate(String master) throws IOException {
        String gt = Files.writeString(dir.resolve("gt.json"), "{\"images\": [], \"annotations\": []}").toString();
        return new String[] {"evaluate", "--gt", gt, "--results", gt, "--type", "keypoints", "--master", master};
    }

    @Test
    void aMasterUrlSparkCannotParse() throws Exception {
        Outcome outcome = run(List.of(), evaluate("garbage://x"));
        assertEquals(2, outcome.exitCode());
        assertEquals(List.of("hrnet-spark: --master garbage://x is not a Spark master URL; use local[*], local[N],"
                + " spark://HOST:PORT, yarn or k8s://https://HOST:PORT."), outcome.lines());
    }

    @Test
    void aStandaloneMasterNobodyAnswersAt() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Outcome outcome = run(List.of("-Dspark.hrnet.masterConnectTimeout=2s"), evaluate("spark://127.0.0.1:" + port));
        assertEquals(2, outcome.exitCode());
        assertEquals(1, outcome.lines().size(), outcome.lines().toString());
        assertTrue(outcome.lines().get(0).startsWith("hrnet-spark: No Spark master answers at spark://127.0.0.1:"
                + port), outcome.lines().get(0));
    }

    @Test
    void aDriverHeapTooSmallForSparkNamesTheSettingsThatRaiseIt() throws Exception {
        Outcome small = run(List.of("-Xmx300m"), evaluate("local[1]"));
        assertEquals(2, small.exitCode());
        assertEquals(1, small.lines().size(), small.lines().toString());
        assertTrue(small.lines().get(0).matches("hrnet-spark: The driver's Java heap \\(\\d+ MB\\) is below the 450 MB"
                + " Spark needs; give it more with HRNET_SPARK_DRIVER_MEMORY=4g \\(submit-scripts/hrnet-spark\\) or"
                + " --driver-memory 4g \\(submit-scripts/submit.sh\\)\\."), small.lines().get(0));
    }

    @Test
    void evaluateOfALocalRunStartsSparkOnlyToRecordTheMetricsTable() throws Exception {
        String gt = SparkTestSession.fixture("coco-keypoints-eval", "gt.json");
        String results = SparkTestSession.fixture("coco-keypoints-eval", "results.json");
        Path log = dir.resolve("local-evaluate.log");
        // 300 MB: a heap Spark refuses to start with (see above), enough for the evaluation itself.
        TestJvm local = TestJvm.start(HrnetSparkCli.class, List.of("evaluate", "--gt", gt, "--results", results,
                "--type", "keypoints"), log, List.of("-Xmx300m"));
        assertTrue(local.process().waitFor(120, TimeUnit.SECONDS), local.tail());
        assertEquals(0, local.process().exitValue(), local.tail());
        assertTrue(Files.readString(log).contains(Files.readString(Path.of(SparkTestSession.fixture(
                "coco-keypoints-eval", "summary.txt")))), local.tail());

        Outcome withMetricsTable = run(List.of("-Xmx300m"), "evaluate", "--gt", gt, "--results", results,
                "--type", "keypoints", "--output", dir.resolve("metrics").toString());
        assertEquals(2, withMetricsTable.exitCode());
        assertTrue(withMetricsTable.lines().get(0).startsWith("hrnet-spark: The driver's Java heap"),
                withMetricsTable.lines().toString());
    }
}
