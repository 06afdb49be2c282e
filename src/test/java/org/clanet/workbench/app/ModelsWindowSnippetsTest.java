package org.clanet.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clanet.workbench.app.training.SnippetViewModel;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The training window shows the selected sequence's snippets below the dashboard, and follows the selection. */
class ModelsWindowSnippetsTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void snippetViewFollowsTheSelectedSequence() throws Exception {
        Dataset d = DatasetScanner.scan(TestDatasets.small(tmp.resolve("ds")));
        WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchViewModel wb = new WorkbenchViewModel(WorkbenchViewModelTest.synchronous(tmp.resolve("p.json")));
            IdentificationViewModel vm = wb.identification();
            wb.dataset().show(d);
            ModelsWindow w = new ModelsWindow(null, vm, List.of());
            assertNotNull(w.snippetView());
            Sequence first = wb.navigator().selectedProperty().get();
            assertEquals(first.displayName(), vm.snippets().snippetsProperty().get().sequence(), "opening a"
                    + " dataset selects its first sequence");
            Sequence g7 = d.sequences().filter(s -> s.displayName().equals("G7")).findFirst().orElseThrow();
            wb.navigator().select(g7);
            SnippetViewModel.Snippets s = vm.snippets().snippetsProperty().get();
            assertEquals("G7", s.sequence());
            assertEquals(3, s.frameHours().length, "no workspace: no frame lacks patches; all five were taken in"
                    + " the first 24 h after seeding (settlingHours), so the last 3 are kept");
            assertEquals(20, s.snippets().size());
            assertEquals(0, vm.snippets().indexProperty().get());
            assertTrue(vm.snippets().infoProperty().get().startsWith("Snippet 1 of 20 · epoch 0"));
            // another seed on the form, another draw after the warm-up (same warm-up snippets)
            var before = s.snippets();
            vm.training().seedProperty().set(99);
            var after = vm.snippets().snippetsProperty().get().snippets();
            assertEquals(before.get(0), after.get(0));
            wb.close();
            return null;
        }).get(60, TimeUnit.SECONDS);
    }
}
