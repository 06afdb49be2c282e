package org.clanet.workbench.app.attention;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.clanet.workbench.app.ViewsFixtures;
import org.clanet.workbench.app.viewer.FrameLoader;
import org.clanet.workbench.app.viewer.ImageViewer;
import org.clanet.workbench.app.viewer.ViewerViewModel;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.mil.heatmap.PatchAttention;
import org.clanet.workbench.mil.heatmap.RenderMode;
import org.clanet.workbench.mil.heatmap.ScaleMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The heatmap layer in the real viewer (headless Monocle): it colours the canvas when shown and not when hidden,
 * patch and smooth modes differ, the legend names the class, hover text names the patch.
 */
@ExtendWith(ApplicationExtension.class)
class HeatmapLayerTest {

    private static final Path DIR = Path.of("/nonexistent/views");
    private ViewerViewModel viewer;
    private ImageViewer view;
    private HeatmapLayer layer;
    private HeatmapLegend legend;
    private FrameHeatmap.Sequence seq;

    @Start
    void start(Stage stage) {
        // a flat mid-gray frame: any coloured pixel on the canvas comes from the heatmap
        FrameLoader loader = new FrameLoader(Runnable::run, Runnable::run, 10_000_000, file -> {
            float[] px = new float[704 * 520];
            for (int i = 0; i < px.length; i++) {
                px[i] = i % 2 == 0 ? 0.45f : 0.55f;
            }
            return new GrayImage(704, 520, px, 32);
        });
        viewer = new ViewerViewModel(loader);
        view = new ImageViewer();
        view.bind(viewer);
        layer = new HeatmapLayer(new HeatmapSettings(), Runnable::run, Runnable::run);
        layer.setRedraw(viewer::requestRedraw);
        viewer.layers().add(layer);
        HeatmapHover.install(view, viewer, layer);
        legend = new HeatmapLegend(layer);
        seq = ViewsFixtures.attention(DIR, "A549", 6, 704, 520, 3);
        StackPane root = new StackPane(view, legend);
        StackPane.setAlignment(legend, javafx.geometry.Pos.TOP_RIGHT);
        stage.setScene(new Scene(root, 900, 700));
        stage.show();
    }

    /** Canvas pixels that are clearly coloured (not gray). */
    private int colouredPixels() throws Exception {
        return onFx(() -> {
            view.draw();
            WritableImage snap = view.canvas().snapshot(null, null);
            PixelReader pr = snap.getPixelReader();
            int n = 0;
            for (int y = 0; y < (int) snap.getHeight(); y += 3) {
                for (int x = 0; x < (int) snap.getWidth(); x += 3) {
                    int c = pr.getArgb(x, y);
                    int r = c >> 16 & 0xff;
                    int g = c >> 8 & 0xff;
                    int b = c & 0xff;
                    if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 25) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    private void show(int frameIndex) throws Exception {
        onFx(() -> {
            layer.sequenceProperty().set(seq);
            viewer.frameProperty().set(seq.frames().get(frameIndex).frame());
        });
        await(10, () -> viewer.getImage() != null);
    }

    @Test
    void heatmapColoursTheCanvasOnlyWhenShown() throws Exception {
        show(2);
        int on = colouredPixels();
        assertTrue(on > 500, "heatmap visible: " + on + " coloured samples");
        onFx(() -> layer.visibleProperty().set(false));
        assertEquals(0, colouredPixels(), "hidden: the gray frame only");
        onFx(() -> layer.visibleProperty().set(true));
        assertEquals(on, colouredPixels());
    }

    @Test
    void patchAndSmoothModesDrawDifferently() throws Exception {
        show(3);
        onFx(() -> layer.settings().renderModeProperty().set(RenderMode.PATCHES));
        int patches = colouredPixels();
        var patchRaster = onFx(() -> layer.drawnRaster());
        onFx(() -> layer.settings().renderModeProperty().set(RenderMode.SMOOTH));
        int smooth = colouredPixels();
        var smoothRaster = onFx(() -> layer.drawnRaster());
        assertNotEquals(patchRaster, smoothRaster);
        assertTrue(patches > 0 && smooth > 0);
        assertNotEquals(java.util.Arrays.hashCode(patchRaster.argb()), java.util.Arrays.hashCode(smoothRaster.argb()));
        // raw vs percentile changes the scale and the pixels
        var pct = onFx(() -> layer.scaleProperty().get());
        onFx(() -> layer.settings().scaleModeProperty().set(ScaleMode.RAW));
        colouredPixels();
        assertEquals(0, onFx(() -> layer.scaleProperty().get().lo()));
        assertTrue(pct.lo() > 0);
    }

    @Test
    void alphaChangesTheBlend() throws Exception {
        show(1);
        onFx(() -> layer.settings().alphaProperty().set(0.1));
        int faint = colouredPixels();
        onFx(() -> layer.settings().alphaProperty().set(0.9));
        int strong = colouredPixels();
        assertTrue(strong > faint, faint + " vs " + strong);
    }

    @Test
    void legendNamesTheClassAndHoverNamesThePatch() throws Exception {
        show(0);
        assertEquals("attention for: A549", onFx(() -> legend.title().getText()));
        PatchAttention p = seq.frames().get(0).attention().patches().get(0);
        PatchAttention hit = onFx(() -> layer.pointerAt(seq.frames().get(0).frame(), p.x() + 1, p.y() + 1));
        assertTrue(hit != null);
        String text = onFx(() -> layer.hoverTextProperty().get());
        assertTrue(text.matches("#\\d+ · confluency 0\\.\\d\\d · attention .+"), text);
        assertNull(onFx(() -> layer.pointerAt(seq.frames().get(0).frame(), -5, -5)));
        assertEquals("", onFx(() -> layer.hoverTextProperty().get()));
    }

    @Test
    void movingThePointerOverAPatchNamesIt(org.testfx.api.FxRobot robot) throws Exception {
        show(0);
        PatchAttention p = seq.frames().get(0).attention().patches().stream()
                .max(java.util.Comparator.comparingDouble(PatchAttention::attention)).orElseThrow();
        javafx.geometry.Point2D at = onFx(() -> {
            var t = viewer.getTransform();
            return view.localToScreen(t.toViewX(p.x() + p.w() / 2.0), t.toViewY(p.y() + p.h() / 2.0));
        });
        robot.moveTo(at);
        String text = onFx(() -> layer.hoverTextProperty().get());
        PatchAttention under = seq.frames().get(0).attention().at(p.x() + p.w() / 2.0, p.y() + p.h() / 2.0);
        assertEquals(HeatmapLayer.hoverText(under), text);
    }
}
