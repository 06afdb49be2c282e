package org.clanet.workbench.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.status.StatusViewModel;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.util.Executors2;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the (headless Monocle) FX toolkit for view-model tests that use javafx.concurrent, and waits. */
public final class FxTestSupport {

    private FxTestSupport() {
    }

    /** The context the window tests run the real workbench with: real pools, a fake engine probe, prefs in dir. */
    public static WorkbenchContext windowContext(Path dir) {
        return new WorkbenchContext(javafx.application.Platform::runLater,
                Executors2.fixed("test-frame", 1), Executors2.lifo("test-thumb", 2), new TaskRunner(1),
                new WorkbenchPreferences(dir.resolve("preferences.json")),
                () -> new StatusViewModel.EngineInfo("Test engine · CPU", "fake probe"), () -> { });
    }

    public static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs on the FX thread and returns the result. */
    public static <T> T onFx(Callable<T> c) throws Exception {
        T v = WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return v;
    }

    public static void onFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits (up to {@code seconds}) until the condition, checked on the FX thread, holds. */
    public static void await(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
