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
        WorkbenchApp.sequenceArgument(getParameters().getRaw()).ifPresent(name ->
                vm.dataset().datasetProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends org.clanet.workbench.dataset.Dataset> o,
                                        org.clanet.workbench.dataset.Dataset a, org.clanet.workbench.dataset.Dataset d) {
                        o.removeListener(this);
                        vm.navigator().selectByName(name);
                    }
                }));
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
