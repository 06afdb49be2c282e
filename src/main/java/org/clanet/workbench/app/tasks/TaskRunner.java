package org.clanet.workbench.app.tasks;

import org.clanet.workbench.pipeline.Job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.util.Executors2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one service for every long job of the workbench (scan now; masks, training, prediction later). Runs
 * each {@link Job} as a {@link JobTask} on a bounded executor, lists all tasks (running and finished, with
 * failures and their reasons) for the Tasks panel, and tells the status bar which one is current. Methods are
 * called on the FX thread.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final Executor executor;
    private final ExecutorService owned;
    // the extractor makes a running task's message and progress changes list changes too: the status bar
    // (bound to the list) then follows a job's progress and ETA, not only its state
    private final ObservableList<JobTask<?>> tasks = FXCollections.observableArrayList(
            t -> new javafx.beans.Observable[] {t.stateProperty(), t.messageProperty(), t.progressProperty()});
    private final ReadOnlyObjectWrapper<JobTask<?>> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final IntegerBinding running;

    /** Production: at most {@code threads} jobs run at once, the others wait in order. */
    public TaskRunner(int threads) {
        this(Executors2.fixed("clanet-task", threads), true);
    }

    /** With a given executor (tests: {@code Runnable::run} runs jobs synchronously). */
    public TaskRunner(Executor executor) {
        this(executor, false);
    }

    private TaskRunner(Executor executor, boolean own) {
        this.executor = executor;
        this.owned = own ? (ExecutorService) executor : null;
        this.running = Bindings.createIntegerBinding(
                () -> (int) tasks.stream().filter(t -> !t.isFinished()).count(), tasks);
    }

    /** Starts a job; the returned task is already listed. */
    public <T> JobTask<T> submit(String title, Job<T> job) {
        JobTask<T> task = new JobTask<>(title, job);
        tasks.add(0, task);
        task.stateProperty().addListener((o, a, s) -> onState(task, s));
        current.set(task);
        LOG.info("task started: {}", title);
        executor.execute(task);
        return task;
    }

    private void onState(JobTask<?> task, Worker.State s) {
        switch (s) {
            case SUCCEEDED -> LOG.info("task done: {} ({})", task.getTitle(), task.getMessage());
            case FAILED -> LOG.warn("task failed: {}: {}", task.getTitle(), task.getFailureReason(), task.getException());
            case CANCELLED -> LOG.info("task cancelled: {}", task.getTitle());
            default -> {
            }
        }
        if (task.isFinished() && current.get() == task) {
            current.set(tasks.stream().filter(t -> !t.isFinished()).findFirst().orElse(task));
        }
    }

    public ObservableList<JobTask<?>> tasks() {
        return tasks;
    }

    /** The most recently started task still running, else the last one that finished; null before any. */
    public ReadOnlyObjectProperty<JobTask<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public IntegerBinding runningCount() {
        return running;
    }

    public void clearFinished() {
        tasks.removeIf(JobTask::isFinished);
    }

    public void cancelAll() {
        tasks.forEach(t -> t.cancel());
    }

    @Override
    public void close() {
        cancelAll();
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
