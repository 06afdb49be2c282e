package org.clanet.workbench.app.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clanet.workbench.app.selection.GalleryViewModel.Item;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.SelectionParameters;
import org.junit.jupiter.api.AfterEach;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The patch gallery without a screen (direct executors). */
class GalleryViewModelTest {

    @TempDir
    Path tmp;

    private SelectionViewModelTest.Stack stack;

    @AfterEach
    void close() {
        if (stack != null) {
            stack.close();
        }
    }

    private GalleryViewModel open() throws Exception {
        stack = new SelectionViewModelTest.Stack(Runnable::run);
        stack.show(DatasetScanner.scan(BlobImages.dataset(tmp.resolve("ds"))));
        return stack.selection.gallery();
    }

    @Test
    void framesArrivingTogetherArePublishedAsOneSortedChange() throws Exception {
        java.util.ArrayDeque<Runnable> gallery = new java.util.ArrayDeque<>();
        org.clanet.workbench.app.viewer.ViewerViewModel viewer = new org.clanet.workbench.app.viewer.ViewerViewModel(
                new org.clanet.workbench.app.viewer.FrameLoader(Runnable::run, Runnable::run, 1L << 24));
        org.clanet.workbench.app.navigator.NavigatorViewModel navigator =
                new org.clanet.workbench.app.navigator.NavigatorViewModel();
        org.clanet.workbench.app.timeline.TimelineViewModel timeline =
                new org.clanet.workbench.app.timeline.TimelineViewModel();
        timeline.sequenceProperty().bind(navigator.selectedProperty());
        try (SelectionViewModel selection = new SelectionViewModel(new SelectionViewModel.Services(Runnable::run,
                Runnable::run, gallery::add, new org.clanet.workbench.app.tasks.TaskRunner(Runnable::run),
                new SelectionService(64L << 20), 0, 1), viewer, navigator, timeline)) {
            var d = DatasetScanner.scan(BlobImages.dataset(tmp.resolve("ds")));
            selection.datasetProperty().set(d);
            navigator.setDataset(d);
            GalleryViewModel g = selection.gallery();
            long[] now = {0};
            g.clock(() -> now[0]);
            Sequence g7 = d.sequences().filter(s -> s.displayName().equals("G7")).findFirst().orElseThrow();
            navigator.select(g7);
            g.activeProperty().set(true);
            assertEquals(4, gallery.size(), "one job per frame");
            int[] changes = {0};
            g.items().addListener((javafx.collections.ListChangeListener<Item>) c -> changes[0]++);
            gallery.poll().run();
            gallery.poll().run();
            assertEquals(0, changes[0], "within 100 ms of the last publication: collected");
            assertTrue(g.items().isEmpty());
            now[0] += GalleryViewModel.PUBLISH_NANOS;
            gallery.poll().run();
            assertEquals(1, changes[0], "100 ms later: the three frames so far in one change");
            int three = g.items().size();
            assertTrue(three > 0);
            gallery.poll().run();
            assertEquals(2, changes[0], "the last frame is published at once");
            assertTrue(g.items().size() > three);
            List<Item> items = new ArrayList<>(g.items());
            List<Item> sorted = new ArrayList<>(items);
            sorted.sort(GalleryViewModel.BY_CONFLUENCY);
            assertEquals(sorted, items, "merged in order");
        }
    }

    @Test
    void listsEveryFramesPatchesOnlyWhileShownSortedByConfluencyOrTime() throws Exception {
        GalleryViewModel g = open();
        Sequence g7 = stack.sequence("G7");
        stack.navigator.select(g7);
        assertTrue(g.items().isEmpty(), "hidden: nothing computed");
        g.activeProperty().set(true);

        int expected = 0;
        for (Frame f : g7.frames()) {
            expected += SelectionViewModelTest.direct(f, SelectionParameters.defaults()).patches().size();
        }
        assertEquals(expected, g.items().size());
        assertTrue(g.statusProperty().get().startsWith(expected + " patches in 4 frames · computed live"),
                g.statusProperty().get());
        List<Item> items = new ArrayList<>(g.items());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).patch().confluency() >= items.get(i).patch().confluency());
        }
        g.sortProperty().set(GalleryViewModel.Sort.TIME);
        items = new ArrayList<>(g.items());
        for (int i = 1; i < items.size(); i++) {
            Item a = items.get(i - 1);
            Item b = items.get(i);
            assertTrue(a.frameIndex() < b.frameIndex()
                    || a.frameIndex() == b.frameIndex() && a.patch().rank() < b.patch().rank());
        }
        assertEquals(0, items.get(0).frameIndex());
        assertTrue(items.get(0).label().matches("0d 0h · #1 · \\d\\.\\d\\d"), items.get(0).label());

        // fewer patches per frame: the gallery follows the parameters
        stack.selection.setParameter("finalRegion", "2");
        assertEquals(8, g.items().size());

        // another sequence
        stack.navigator.select(stack.sequence("B2"));
        assertEquals(0, g.items().size());
        assertTrue(g.statusProperty().get().contains("1 unreadable"), g.statusProperty().get());
    }

    @Test
    void openingAPatchJumpsToItsFrameAndHighlightsIt() throws Exception {
        GalleryViewModel g = open();
        Sequence g7 = stack.sequence("G7");
        stack.navigator.select(g7);
        g.activeProperty().set(true);
        stack.viewer.setViewport(400, 300);
        stack.viewer.zoomIn();
        double zoom = stack.viewer.getTransform().scale();
        Item last = g.items().stream().filter(i -> i.frameIndex() == 3).findFirst().orElseThrow();
        g.open(last);
        assertEquals(3, stack.timeline.getIndex());
        // the viewer is centred on the patch as far as the image edges allow, at the same zoom (issue 9: no empty
        // dark area beside a corner patch)
        ViewTransform t = stack.viewer.getTransform();
        assertEquals(zoom, t.scale(), 1e-12);
        double cx = last.patch().x() + last.patch().w() / 2.0;
        double cy = last.patch().y() + last.patch().h() / 2.0;
        assertTrue(cx >= t.toImageX(0) && cx <= t.toImageX(400) && cy >= t.toImageY(0) && cy <= t.toImageY(300),
                "the patch is in view");
        org.clanet.workbench.imaging.GrayImage img = stack.viewer.getImage();
        assertEquals(Math.max(0, Math.min(img.width() - 400 / zoom, cx - 200 / zoom)), t.toImageX(0), 1e-9);
        assertEquals(Math.max(0, Math.min(img.height() - 300 / zoom, cy - 150 / zoom)), t.toImageY(0), 1e-9);
        assertFalse(stack.viewer.fitToWindowProperty().get());
        assertSame(g7.frames().get(3), stack.viewer.shownFrameProperty().get());
        SelectionViewModel.Highlight h = stack.selection.highlightProperty().get();
        assertSame(g7.frames().get(3), h.frame());
        assertEquals(last.patch().rank(), h.rank());
        assertSame(last, g.selectedProperty().get());
        assertSame(g7.frames().get(3), stack.selection.getResult().frame());
        assertTrue(stack.selection.getResult().patch(h.rank()).isPresent());
    }

    @Test
    void cropsAreCutFromTheProcessedFrameOnceAndCached() throws Exception {
        GalleryViewModel g = open();
        stack.navigator.select(stack.sequence("G7"));
        g.activeProperty().set(true);
        Item first = g.items().get(0);
        List<GalleryViewModel.Crop> got = new ArrayList<>();
        g.crop(first, got::add);
        assertEquals(1, got.size());
        GalleryViewModel.Crop c = got.get(0);
        assertEquals(112, c.width());
        assertEquals(112, c.height());
        long framePatches = g.items().stream().filter(i -> i.frame().equals(first.frame())).count();
        assertEquals(framePatches, g.cachedCrops(), "all patches of the frame from one decode");
        assertSame(c, g.cachedCrop(first));

        // the crop shows the frame's pixels at the patch box (gray through the frame's display levels)
        var img = ImageLoader.loadProcessed(first.frame().path(), Preset.AUTO);
        Patch p = first.patch();
        float[] lv = org.clanet.workbench.app.viewer.DisplayMapping.percentiles(img, 0.005, 0.995);
        var m = new org.clanet.workbench.app.viewer.DisplayMapping(lv[0], lv[1], 0, 1);
        assertEquals(m.gray(img.get(p.x() + 5, p.y() + 7)), c.argb()[7 * 112 + 5] & 0xff);
        assertNotNull(c);
    }

    @Test
    void cropsOfABoxPastTheEdgeAreClamped() {
        var img = new org.clanet.workbench.imaging.GrayImage(50, 40, new float[50 * 40], 8);
        GalleryViewModel.Crop c = GalleryViewModel.cut(img, new Patch(0, 30, 20, 112, 112, 0.5),
                org.clanet.workbench.app.viewer.DisplayMapping.IDENTITY);
        assertEquals(20, c.width());
        assertEquals(20, c.height());
    }
}
