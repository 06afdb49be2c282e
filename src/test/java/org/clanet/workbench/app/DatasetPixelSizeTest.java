package org.clanet.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale bar's pixel size is set per dataset and remembered across sessions. */
class DatasetPixelSizeTest {

    @TempDir
    Path tmp;

    @Test
    void setForADatasetAndRestoredWhenItIsOpenedAgain() throws Exception {
        Dataset d = DatasetScanner.scan(TestDatasets.small(tmp.resolve("ds")));
        Path prefs = tmp.resolve("p.json");
        try (WorkbenchViewModel vm = new WorkbenchViewModel(WorkbenchViewModelTest.synchronous(prefs))) {
            assertTrue(vm.viewer().layers().contains(vm.scaleBar()));
            vm.dataset().show(d);
            assertEquals(0, vm.scaleBar().micronsPerPixelProperty().get());
            vm.setDatasetPixelSize(1.24);
            vm.context().prefs().save();
        }
        try (WorkbenchViewModel vm = new WorkbenchViewModel(WorkbenchViewModelTest.synchronous(prefs))) {
            vm.dataset().show(d);
            assertEquals(1.24, vm.scaleBar().micronsPerPixelProperty().get(), 1e-12);
            vm.setDatasetPixelSize(0); // back to the files' own
            assertEquals(0, vm.scaleBar().micronsPerPixelProperty().get());
        }
    }
}
