package org.clanet.workbench.app;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.status.StatusViewModel.EngineInfo;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.util.Executors2;
import org.clanet.workbench.embedding.EngineStatus;

/**
 * The services the view models run on: the UI executor (the FX thread in production, the caller in tests),
 * a background executor for frame decoding, a bounded one for thumbnails, the task runner, preferences, and
 * the engine probe. Tests build one with direct executors so view models run synchronously.
 */
public record WorkbenchContext(Executor ui, Executor frames, Executor thumbnails, TaskRunner tasks,
                               WorkbenchPreferences prefs, Supplier<EngineInfo> engineProbe,
                               Runnable onClose) implements AutoCloseable {

    /** Production: FX thread, 1 frame decoder, 2 thumbnail decoders (newest first), 2 task threads. */
    public static WorkbenchContext production(WorkbenchPreferences prefs) {
        ExecutorService frames = Executors2.fixed("clanet-frame", 1);
        ExecutorService thumbs = Executors2.lifo("clanet-thumb", 2);
        TaskRunner tasks = new TaskRunner(2);
        return new WorkbenchContext(javafx.application.Platform::runLater, frames, thumbs, tasks, prefs,
                () -> {
                    EngineStatus s = EngineStatus.probe();
                    return new EngineInfo(s.label(), s.detail());
                },
                () -> {
                    frames.shutdownNow();
                    thumbs.shutdownNow();
                });
    }

    @Override
    public void close() {
        tasks.close();
        onClose.run();
    }
}
