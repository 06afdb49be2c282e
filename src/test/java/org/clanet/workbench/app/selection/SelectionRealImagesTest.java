package org.clanet.workbench.app.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResult;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;

/**
 * On a real LIVECell frame (shared images; skipped when absent) the live overlay is exactly the selector's; on the
 * committed sample data the overlay and the gallery work on a dataset never processed before.
 */
class SelectionRealImagesTest {

    @Test
    void liveOverlayOfALiveCellFrameHasThePatchSelectorsPatches() throws Exception {
        Path root = SharedData.realImages();
        Dataset d = DatasetScanner.scan(root);
        try (SelectionViewModelTest.Stack s = new SelectionViewModelTest.Stack(Runnable::run)) {
            s.show(d);
            Sequence b10 = d.sequences().filter(q -> q.cellLine().equals("SHSY5Y") && q.displayName().equals("B10"))
                    .findFirst().orElseThrow();
            s.navigator.select(b10);
            s.timeline.step(5);
            Frame f = b10.frames().get(5);
            FrameSelection r = s.selection.getResult();
            assertSame(f, r.frame());
            assertEquals(FrameSelection.Source.LIVE, r.source());
            assertNull(s.selection.workspaceProperty().get(), "browsing shared images opens no workspace");

            SelectionResult want = SelectionViewModelTest.direct(f, SelectionParameters.defaults());
            assertEquals(want.patches(), r.patches());
            assertTrue(r.patches().size() >= 10, "a LIVECell frame full of cells: " + r.patches().size());
            assertEquals(704, r.maskWidth());
            assertEquals(520, r.maskHeight());
            assertEquals(1.0, r.scaleX(), "generic preset: mask and boxes in the viewer's pixels");
            assertTrue(java.util.Arrays.equals(want.mask(), r.mask()));
            assertTrue(s.selection.summaryText().get().startsWith(r.patches().size() + " patches · mask "),
                    s.selection.summaryText().get());
        }
        assertFalse(Files.exists(root.resolve(".clanet")));
    }

    @Test
    void sampleDataNeverProcessedGetsLiveOverlaysAndAGallery() throws Exception {
        Path root = SharedData.sampleData();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "no sample-data/ in this checkout");
        Dataset d = DatasetScanner.scan(root);
        try (SelectionViewModelTest.Stack s = new SelectionViewModelTest.Stack(Runnable::run)) {
            s.show(d);
            Sequence first = s.navigator.getSelected();
            FrameSelection r = s.selection.getResult();
            assertSame(first.frames().get(0), r.frame());
            assertEquals(SelectionViewModelTest.direct(r.frame(), SelectionParameters.defaults()).patches(),
                    r.patches());
            assertTrue(r.patches().size() >= 10, "cells found in the synthetic frame: " + r.patches().size());
            GalleryViewModel g = s.selection.gallery();
            g.activeProperty().set(true);
            assertTrue(g.items().size() >= 10 * first.size(), g.statusProperty().get());
            assertTrue(g.statusProperty().get().endsWith(first.size() + " frames · computed live"),
                    g.statusProperty().get());
        }
        assertFalse(Files.exists(root.resolve(".clanet")), "browsing creates no workspace");
    }
}
