package io.hrnetspark.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunTableTest {

    @Test
    void aRunsRecordsReplaceOnlyItsOwnRow() {
        assertEquals("run_id = '20261207T153404Z-0352a0'", RunTable.scope("20261207T153404Z-0352a0"));
    }

    @Test
    void aRunIdThatCouldChangeTheConditionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunTable.scope("x' OR '1'='1"));
    }
}
