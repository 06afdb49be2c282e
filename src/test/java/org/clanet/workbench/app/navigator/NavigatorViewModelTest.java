package org.clanet.workbench.app.navigator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.clanet.workbench.app.TestDatasets;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NavigatorViewModelTest {

    @TempDir
    Path tmp;

    @Test
    void treeOfLinesBatchesSequencesWithCounts() throws Exception {
        Dataset d = DatasetScanner.scan(TestDatasets.small(tmp));
        NavigatorViewModel vm = new NavigatorViewModel();
        vm.setDataset(d);
        NavigatorNode root = vm.getRoot();
        assertEquals(NavigatorNode.Kind.DATASET, root.kind());
        assertEquals(List.of("A549", "MCF7"), root.children().stream().map(NavigatorNode::label).toList());
        NavigatorNode mcf7 = root.children().get(1);
        assertEquals("1 batch · 2 sequences", mcf7.detail());
        NavigatorNode batch = mcf7.children().get(0);
        assertEquals("batch_1", batch.label());
        assertEquals("2 sequences · 8 images", batch.detail());
        NavigatorNode g7 = batch.children().get(0);
        assertEquals("G7", g7.label());
        assertEquals("5 frames · 16 h", g7.detail());
        assertEquals(NavigatorNode.Kind.SEQUENCE, g7.kind());
        // the first sequence is selected, so the viewer shows something at once
        assertEquals("A549/batch_2/VID2_C1_1_*", vm.getSelected().id());
        assertTrue(vm.select(g7.sequence().id()));
        assertEquals(g7.sequence(), vm.getSelected());
        assertFalse(vm.select("nope"));
        vm.setDataset(null);
        assertNull(vm.getRoot());
        assertNull(vm.getSelected());
    }

    @Test
    void badgeProvidersArePluggable() throws Exception {
        Dataset d = DatasetScanner.scan(TestDatasets.small(tmp));
        NavigatorViewModel vm = new NavigatorViewModel();
        vm.setDataset(d);
        Sequence g7 = d.sequences().filter(s -> s.displayName().equals("G7")).findFirst().orElseThrow();
        assertTrue(vm.badges(g7).isEmpty(), "no stage has computed anything yet");
        long rev = vm.badgeRevisionProperty().get();
        vm.badgeProviders().add(s -> s.displayName().equals("G7")
                ? List.of(new Badge("mdi2d-domino-mask", "Masks computed", "badge-ok")) : List.of());
        vm.badgeProviders().add(s -> {
            throw new IllegalStateException("a broken provider must not break the tree");
        });
        assertTrue(vm.badgeRevisionProperty().get() > rev, "adding a provider refreshes the tree");
        assertEquals(List.of(new Badge("mdi2d-domino-mask", "Masks computed", "badge-ok")), vm.badges(g7));
        long rev2 = vm.badgeRevisionProperty().get();
        vm.refreshBadges();
        assertEquals(rev2 + 1, vm.badgeRevisionProperty().get());
    }

    @Test
    void sequenceDetailTexts() throws Exception {
        Dataset d = DatasetScanner.scan(TestDatasets.small(tmp));
        Sequence c1 = d.sequences().filter(s -> s.displayName().equals("C1")).findFirst().orElseThrow();
        assertEquals("3 frames · 8 h", NavigatorViewModel.sequenceDetail(c1));
        assertEquals("1.5 h", NavigatorViewModel.hours(1.5));
    }
}
