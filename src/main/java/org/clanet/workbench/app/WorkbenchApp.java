package org.clanet.workbench.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the workbench window: {@code java -jar clanet.jar} (no arguments),
 * {@code java -jar clanet.jar --dataset DIR [--sequence NAME]}, or {@code -Dclanet.dataset=DIR}. Without a
 * dataset it opens the last one, else the bundled {@code sample-data/}. {@code --sequence} selects a sequence
 * by id ({@code LINE/batch/key}) or display name (e.g. the well) once the dataset is scanned. A plain class so
 * that JavaFX starts from the class path.
 */
public final class WorkbenchApp {

    /** System property naming a dataset folder to open at start. */
    public static final String DATASET_PROPERTY = "clanet.dataset";

    private WorkbenchApp() {
    }

    /** Opens the window and returns when it is closed. */
    public static void launch(String... args) {
        Application.launch(WorkbenchApplication.class, args);
    }

    /** Whether these command-line arguments ask for the workbench rather than the command line. */
    public static boolean wants(String... args) {
        return args.length == 0 || "--dataset".equals(args[0]) || args[0].startsWith("--dataset=");
    }

    /** The dataset named by {@code --dataset DIR}, {@code --dataset=DIR} or {@code -Dclanet.dataset}. */
    public static Optional<Path> datasetArgument(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--dataset") && i + 1 < args.size()) {
                return Optional.of(Path.of(args.get(i + 1)));
            }
            if (a.startsWith("--dataset=")) {
                return Optional.of(Path.of(a.substring("--dataset=".length())));
            }
        }
        return Optional.ofNullable(System.getProperty(DATASET_PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
    }

    /** The sequence named by {@code --sequence NAME} or {@code --sequence=NAME}. */
    public static Optional<String> sequenceArgument(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--sequence") && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (a.startsWith("--sequence=")) {
                return Optional.of(a.substring("--sequence=".length()));
            }
        }
        return Optional.empty();
    }
}
