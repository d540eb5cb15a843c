package io.hrnetspark.job.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitConflictsTest {

    @Test
    void aTableAnotherRunIsStillCreatingIsRetriedOtherFailuresAreNot() {
        RuntimeException notYet = new IllegalStateException("wrapped", new RuntimeException(
                "[DELTA_TABLE_NOT_FOUND] Delta table `file:/out/run` doesn't exist."));
        RuntimeException creation = CommitConflicts.concurrentCreation(notYet, "file:/out/run");
        assertTrue(CommitConflicts.isConflict(creation));
        assertSame(notYet, creation.getCause());

        RuntimeException other = new IllegalArgumentException("[DELTA_CREATE_TABLE_SCHEME_MISMATCH] ...");
        assertSame(other, CommitConflicts.concurrentCreation(other, "file:/out/run"));
        assertFalse(CommitConflicts.isConflict(other));
        Exception checked = new Exception("checked, from Scala");
        assertSame(checked, assertThrows(Exception.class, () -> CommitConflicts.concurrentCreation(checked, "x")));
    }

    @Test
    void retryRunsTheActionAgainUntilTheOtherCreationIsCommitted() {
        AtomicInteger attempts = new AtomicInteger();
        String result = CommitConflicts.retry("Creating table run", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw CommitConflicts.concurrentCreation(new RuntimeException("[DELTA_TABLE_NOT_FOUND] not yet"), "run");
            }
            return "created";
        });
        assertEquals("created", result);
        assertEquals(3, attempts.get());
    }
}
