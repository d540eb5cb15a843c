package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
