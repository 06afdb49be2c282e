package org.clanet.workbench.support;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of the test run, one line per reason tests were skipped (disabled, or aborted by an
 * assumption such as "../shared is absent"), with how many tests it hit: surefire only counts them, and the
 * reasons were in its XML reports alone. Registered in META-INF/services.
 */
public final class SkipSummaryListener implements TestExecutionListener {

    private final Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        count(reason == null || reason.isBlank() ? "disabled" : reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String why = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            count(why.replaceFirst("^Assumption failed: ", ""));
        }
    }

    private void count(String reason) {
        reasons.computeIfAbsent(reason.strip(), r -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (reasons.isEmpty()) {
            return;
        }
        // System.err: surefire passes it through to the build log; stdout of the fork is reserved for its protocol
        PrintStream err = System.err;
        err.println("[SKIPPED] Tests skipped, by reason:");
        new TreeMap<>(reasons).forEach((reason, n) ->
                err.printf("[SKIPPED]   %d × %s%n", n.get(), reason.lines().findFirst().orElse(reason)));
        err.flush();
    }
}
