package org.clanet.workbench.app;

import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;

/**
 * The JavaFX Application of the workbench. Not a main class: start it through {@link WorkbenchApp#launch}
 * (JavaFX refuses to start from the class path when the main class extends Application).
 */
public final class WorkbenchApplication extends Application {

    private WorkbenchViewModel vm;
    private WorkbenchWindow window;

    @Override
    public void start(Stage stage) {
        WorkbenchPreferences prefs = WorkbenchPreferences.load();
        vm = new WorkbenchViewModel(WorkbenchContext.production(prefs));
        window = new WorkbenchWindow(stage, vm, uri -> getHostServices().showDocument(uri));
        window.show();
        vm.probeEngine();
        Optional<Path> explicit = WorkbenchApp.datasetArgument(getParameters().getRaw());
        WorkbenchViewModel.initialDataset(explicit, prefs.lastDataset(), WorkbenchViewModel.sampleDataCandidates())
                .ifPresent(vm::open);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.saveLayout();
        }
        if (vm != null) {
            vm.close();
        }
    }
}
