package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hrnetspark.job.inference.HrnetPredictorFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HrnetSparkCliTest {

    private static final String NL = System.lineSeparator();

    @Test
    void unknownSubcommandIsAUsageErrorWithTheNearCommand() {
        CliRun run = CliRun.of("anotate");
        assertEquals(2, run.exitCode());
        assertEquals("Unmatched argument at index 0: 'anotate'" + NL + "Did you mean: annotate?" + NL
                + "See 'hrnet-spark --help' for its options." + NL, run.err());
    }

    @Test
    void helpSucceeds() {
        assertEquals(0, HrnetSparkCli.run("--help"));
    }

    @Test
    void aTypoInARequiredOptionNamesTheUnknownOptionAndTheNearOne() {
        CliRun run = CliRun.of("predict", "--image", "a.jpg", "--config", "c.yaml", "--weight", "w.pth",
                "--boxe", "b.json", "--output", "o.json");
        assertEquals(2, run.exitCode());
        assertEquals("Unknown options: '--weight', '--boxe'" + NL + "Did you mean: --weights or --boxes?" + NL
                + "See 'hrnet-spark predict --help' for its options." + NL, run.err());
    }

    @Test
    void aMissingOptionIsOneLineAndAPointerToHelp() {
        CliRun run = CliRun.of("maintain", "--retain-hours", "200");
        assertEquals(2, run.exitCode());
        assertEquals("Missing required option: '--output=OUT'" + NL
                + "See 'hrnet-spark maintain --help' for its options." + NL, run.err());
    }

    @Test
    void errorsThrownByACommandAreOneSentenceToo() {
        UnsatisfiedLinkError noDriver = new UnsatisfiedLinkError("/root/.javacpp/cache/hrnet-spark.jar/org/bytedeco/cuda/"
                + "linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        assertEquals(List.of(2, "hrnet-spark: " + CudaBuildProblem.MESSAGE + NL),
                runThrowing(new ExceptionInInitializerError(new RuntimeException("backend", noDriver))));
        List<Object> outOfMemory = runThrowing(new OutOfMemoryError("Java heap space"));
        assertEquals(3, outOfMemory.get(0));
        assertTrue(((String) outOfMemory.get(1)).startsWith("hrnet-spark: the driver ran out of memory"));
    }

    /** Exit code and standard error of a command that throws {@code error}. */
    private static List<Object> runThrowing(Error error) {
        CommandLine commandLine = HrnetSparkCli.commandLine(new HrnetPredictorFactory());
        commandLine.addSubcommand("throwing", new CommandLine(new ThrowingCommand(error)));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        return List.of(commandLine.execute("throwing"), err.toString());
    }

    @CommandLine.Command(name = "throwing")
    private record ThrowingCommand(Error error) implements Callable<Integer> {
        @Override
        public Integer call() {
            throw error;
        }
    }
}
