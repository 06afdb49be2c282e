package org.clanet.workbench.app.dataset;

import static org.clanet.workbench.app.util.Texts.count;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.SkippedFile;

/**
 * The open dataset: opening a folder scans it in the background through the {@link TaskRunner}; the result,
 * the files it skipped (with reasons), a one-line summary, the error of a failed open, and the recent list.
 * FX-thread only.
 */
public final class DatasetViewModel {

    /** A scanner: the core {@link DatasetScanner#scan(Path, org.clanet.workbench.pipeline.ProgressListener,
     *  org.clanet.workbench.pipeline.Cancellation)} in production. */
    @FunctionalInterface
    public interface Scanner {
        Dataset scan(Path dir, org.clanet.workbench.pipeline.ProgressListener p,
                     org.clanet.workbench.pipeline.Cancellation c) throws Exception;
    }

    private final TaskRunner tasks;
    private final WorkbenchPreferences prefs;
    private final Scanner scanner;
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ObservableList<SkippedFile> skipped = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No dataset open");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private JobTask<Dataset> pending;

    public DatasetViewModel(TaskRunner tasks, WorkbenchPreferences prefs) {
        this(tasks, prefs, DatasetScanner::scan);
    }

    public DatasetViewModel(TaskRunner tasks, WorkbenchPreferences prefs, Scanner scanner) {
        this.tasks = tasks;
        this.prefs = prefs;
        this.scanner = scanner;
        recent.setAll(prefs.recentDatasets());
    }

    /** Scans {@code dir} in the background; a scan still running for another folder is cancelled. */
    public JobTask<Dataset> open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (pending != null && !pending.isFinished()) {
            pending.cancel();
        }
        error.set("");
        scanning.set(true);
        JobTask<Dataset> task = tasks.submit("Scan " + name(abs), (p, c) -> scanner.scan(abs, p, c));
        pending = task;
        task.setOnSucceeded(e -> {
            if (pending == task) {
                show(task.getValue());
                prefs.datasetOpened(abs);
                prefs.saveInBackground();
                recent.setAll(prefs.recentDatasets());
                scanning.set(false);
            }
        });
        task.setOnFailed(e -> {
            if (pending == task) {
                error.set("Cannot open " + abs + ": " + task.getFailureReason());
                scanning.set(false);
            }
        });
        task.setOnCancelled(e -> {
            if (pending == task) {
                scanning.set(false);
            }
        });
        return task;
    }

    /** Shows an already scanned dataset (tests, benchmarks). */
    public void show(Dataset d) {
        dataset.set(d);
        skipped.setAll(d.skipped());
        summary.set(summarize(d));
    }

    public static String summarize(Dataset d) {
        long lines = d.cellLines().size();
        String sizes = d.imageSizes().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(2).map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return String.format("%s · %s · %s · %s · %s%s",
                name(d.root()),
                count(lines, d.labelled() ? "cell line" : "unlabelled folder"),
                count(d.batchCount(), "batch"),
                count(d.sequenceCount(), "sequence"),
                count(d.imageCount(), "image"),
                (sizes.isEmpty() ? "" : " (" + sizes + ")")
                        + (d.skipped().isEmpty() ? "" : " · " + count(d.skipped().size(), "file") + " skipped"));
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public Dataset getDataset() {
        return dataset.get();
    }

    public ObservableList<SkippedFile> skipped() {
        return skipped;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    public void clearRecent() {
        prefs.clearRecent();
        prefs.saveInBackground();
        recent.clear();
    }
}
