package org.clanet.workbench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SkipSummaryListenerTest {

    @Test
    void oneLinePerReasonWithCounts() {
        SkipSummaryListener l = new SkipSummaryListener();
        l.executionSkipped(null, "slow; run by hand");
        l.executionFinished(null, TestExecutionResult.aborted(new TestAbortedException("Assumption failed: no ../shared")));
        l.executionFinished(null, TestExecutionResult.aborted(new TestAbortedException("Assumption failed: no ../shared")));
        l.executionFinished(null, TestExecutionResult.successful());
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            l.testPlanExecutionFinished(null);
        } finally {
            System.setErr(old);
        }
        assertEquals(List.of("[SKIPPED] Tests skipped, by reason:", "[SKIPPED]   2 × no ../shared",
                "[SKIPPED]   1 × slow; run by hand"), buf.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
