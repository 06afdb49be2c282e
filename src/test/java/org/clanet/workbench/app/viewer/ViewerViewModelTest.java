package org.clanet.workbench.app.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.canvas.GraphicsContext;
import org.clanet.workbench.app.TestDatasets;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.ImageReadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerViewModelTest {

    static GrayImage image(float value, int w, int h) {
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, value);
        return new GrayImage(w, h, px, 8);
    }

    @Test
    void latestRequestWins() {
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        AtomicInteger decodes = new AtomicInteger();
        FrameLoader loader = new FrameLoader(background::add, Runnable::run, 1_000_000, file -> {
            decodes.incrementAndGet();
            return image(file.toString().contains("00d08h") ? 0.8f : 0.2f, 64, 48);
        });
        ViewerViewModel vm = new ViewerViewModel(loader);
        Sequence s = TestDatasets.sequence("G7", 3);
        vm.frameProperty().set(s.frames().get(0));
        vm.frameProperty().set(s.frames().get(1));
        vm.frameProperty().set(s.frames().get(2));
        assertTrue(vm.loadingProperty().get());
        assertEquals(3, background.size());
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertEquals(1, decodes.get(), "superseded requests are skipped before decoding");
        assertSame(s.frames().get(2), vm.shownFrameProperty().get());
        assertEquals(0.8f, vm.getImage().get(0, 0));
        assertFalse(vm.loadingProperty().get());
        // back to a decoded frame: from the cache, no decode
        vm.frameProperty().set(null);
        vm.frameProperty().set(s.frames().get(2));
        assertEquals(0.8f, vm.getImage().get(0, 0));
        assertTrue(background.isEmpty());
        assertEquals(1, decodes.get());
    }

    @Test
    void aReplacedFileIsDecodedAgainAndLevelsComeWithTheDecode(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve(TestDatasets.name(1, "G7", 0));
        TestDatasets.writeFrame(f, 64, 48, 10);
        AtomicInteger decodes = new AtomicInteger();
        FrameLoader loader = new FrameLoader(Runnable::run, Runnable::run, 1_000_000, file -> {
            decodes.incrementAndGet();
            return ImageLoader.loadGray(file);
        });
        List<FrameLoader.Result> got = new ArrayList<>();
        loader.load(f, got::add);
        loader.load(f, got::add);
        assertEquals(1, decodes.get(), "the second load is a cache hit");
        GrayImage first = got.get(0).image();
        assertArrayEquals(DisplayMapping.percentiles(first, 0.005, 0.995), got.get(0).levels());
        assertArrayEquals(got.get(0).levels(), got.get(1).levels(), "cached with the frame");

        TestDatasets.writeFrame(f, 80, 60, 100); // replaced under the same name
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        loader.load(f, got::add);
        assertEquals(2, decodes.get(), "a replaced file is decoded again");
        assertEquals(80, got.get(2).image().width());

        ViewerViewModel vm = new ViewerViewModel(loader);
        vm.frameProperty().set(new Frame(f, f.getFileName().toString(), org.clanet.workbench.dataset.Timepoint
                .ofMinutes(0), new org.clanet.workbench.imaging.ImageHeader(
                org.clanet.workbench.imaging.ImageFormat.PNG, 80, 60, 8, 1)));
        float[] lv = got.get(2).levels();
        assertEquals(new DisplayMapping(lv[0], lv[1], 0, 1), vm.mappingProperty().get());
    }

    @Test
    void errorsAreShownWithTheirReason() {
        FrameLoader loader = new FrameLoader(Runnable::run, Runnable::run, 1_000_000, file -> {
            throw new ImageReadException(file, "corrupt or truncated image: Unexpected end of file");
        });
        ViewerViewModel vm = new ViewerViewModel(loader);
        Frame f = TestDatasets.sequence("G7", 1).frames().get(0);
        vm.frameProperty().set(f);
        assertEquals("corrupt or truncated image: Unexpected end of file", vm.errorProperty().get());
        assertNull(vm.getImage());
        assertSame(f, vm.shownFrameProperty().get());
        vm.frameProperty().set(null);
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void zoomPanFitReadoutAndDisplay() {
        FrameLoader loader = new FrameLoader(Runnable::run, Runnable::run, 1_000_000, file -> {
            float[] px = new float[100 * 50];
            px[10 * 100 + 20] = 123 / 255f;
            return new GrayImage(100, 50, px, 8);
        });
        ViewerViewModel vm = new ViewerViewModel(loader);
        vm.setViewport(400, 400);
        vm.frameProperty().set(TestDatasets.sequence("G7", 1).frames().get(0));
        assertEquals(4, vm.getTransform().scale(), 1e-9); // fitted
        assertEquals("400 %", vm.zoomText());
        vm.pointerAt(vm.getTransform().toViewX(20.5), vm.getTransform().toViewY(10.5));
        assertEquals("x 20 · y 10 · 0.4824 (123)", vm.readoutProperty().get());
        vm.pointerAt(-5, -5);
        assertEquals("", vm.readoutProperty().get());
        vm.zoomIn();
        assertFalse(vm.fitToWindowProperty().get());
        assertEquals(5, vm.getTransform().scale(), 1e-9);
        vm.oneToOne();
        assertEquals(1, vm.getTransform().scale(), 1e-9);
        double tx = vm.getTransform().tx();
        vm.panBy(7, 0);
        assertEquals(tx + 7, vm.getTransform().tx(), 1e-9);
        vm.setViewport(800, 800); // not fitting any more: a resize keeps the zoom
        assertEquals(1, vm.getTransform().scale(), 1e-9);
        vm.fit();
        assertEquals(8, vm.getTransform().scale(), 1e-9);
        vm.setViewport(200, 200); // fitting: a resize refits
        assertEquals(2, vm.getTransform().scale(), 1e-9);

        vm.brightnessProperty().set(0.2);
        vm.contrastProperty().set(2);
        vm.autoLevelsProperty().set(false);
        assertEquals(new DisplayMapping(0, 1, 0.2, 2), vm.mappingProperty().get());
        vm.resetDisplay();
        assertEquals(0, vm.mappingProperty().get().brightness());
        assertTrue(vm.autoLevelsProperty().get());
    }

    @Test
    void layersAreRegisteredAndTogglingRedraws() {
        ViewerViewModel vm = new ViewerViewModel(new FrameLoader(Runnable::run, Runnable::run, 1000,
                f -> image(0, 2, 2)));
        long r0 = vm.redrawProperty().get();
        OverlayLayer masks = new OverlayLayer() {
            final BooleanProperty visible = new SimpleBooleanProperty(true);

            @Override
            public String name() {
                return "Cell mask";
            }

            @Override
            public BooleanProperty visibleProperty() {
                return visible;
            }

            @Override
            public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
            }
        };
        vm.layers().add(masks);
        long r1 = vm.redrawProperty().get();
        assertTrue(r1 > r0);
        masks.visibleProperty().set(false);
        assertTrue(vm.redrawProperty().get() > r1);
        vm.layers().remove(masks);
        long r2 = vm.redrawProperty().get();
        masks.visibleProperty().set(true); // removed: no longer listened to
        assertEquals(r2, vm.redrawProperty().get());
    }

    @Test
    void readoutOf16BitShowsTheRawCode() {
        float[] px = {1000 / 65535f};
        assertEquals("x 0 · y 0 · 0.0153 (1000)", ViewerViewModel.readoutText(new GrayImage(1, 1, px, 16), 0, 0));
        assertEquals("x 0 · y 0 · 0.5000", ViewerViewModel.readoutText(new GrayImage(1, 1, new float[] {0.5f}, 32),
                0, 0));
    }
}
