package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.sample.SyntheticPeople;
import io.hrnetspark.job.testing.TestJvm;
import io.hrnetspark.job.testing.TestSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An annotate run asked to stop (SIGTERM from a cluster manager or {@code kill}, Ctrl-C) while its tasks run ends
 * with one sentence and the signal's exit code (143 for SIGTERM), without the stack traces of the jobs, tasks and
 * writers that the Spark context stopped under it cancels.
 */
class CliShutdownIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aRunStoppedDuringInferenceSaysSoInOneSentence() throws Exception {
        SyntheticPeople.Summary sample = TestSamples.generate(new SyntheticPeople.Spec(200, 160, 120, 2, 7), dir);
        Path log = dir.resolve("annotate.log");
        TestJvm jvm = TestJvm.start(HrnetSparkCli.class, List.of("annotate",
                "--images", sample.imagesRoot().toString(), "--annotations", sample.annotationsFile().toString(),
                "--config", "../conf/models/demo.yaml", "--weights", "../conf/models/demo.pth",
                "--output", dir.resolve("out").toString(), "--master", "local[1]", "--batch-size", "2"), log);
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Files.readAllLines(log).stream().noneMatch(line -> line.contains("Built the network"))) {
            assertTrue(jvm.process().isAlive() && Instant.now().isBefore(deadline),
                    "the run never reached inference:\n" + jvm.tail());
            Thread.sleep(100);
        }

        jvm.process().destroy();

        assertTrue(jvm.process().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), jvm.tail());
        assertEquals(143, jvm.process().exitValue(), jvm.tail());
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.stream().filter(HrnetSparkCli.STOPPED::equals).count(), jvm.tail());
        assertEquals(List.of(), lines.stream().filter(line -> line.contains("Exception") || line.startsWith("\tat ")
                || line.contains(" ERROR ")).toList(), jvm.tail());
    }
}
