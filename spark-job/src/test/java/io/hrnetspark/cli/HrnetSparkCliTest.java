package io.hrnetspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HrnetSparkCliTest {

    @Test
    void unknownSubcommandIsAUsageError() {
        assertEquals(2, HrnetSparkCli.run("no-such-command"));
    }

    @Test
    void helpSucceeds() {
        assertEquals(0, HrnetSparkCli.run("--help"));
    }
}
