package org.clanet.workbench.app.attention;

import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.clanet.workbench.app.viewer.OverlayLayer;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.mil.heatmap.AttentionScale;
import org.clanet.workbench.mil.heatmap.HeatmapRaster;
import org.clanet.workbench.mil.heatmap.HeatmapRenderer;
import org.clanet.workbench.mil.heatmap.HeatmapStyle;
import org.clanet.workbench.mil.heatmap.PatchAttention;

/**
 * The attention heatmap of the frame shown, over the image: the core's raster ({@link HeatmapRenderer}, patches
 * or smooth, colour map, raw or percentile scale over the whole sequence, alpha) rendered on the background
 * executor and drawn stretched over the frame; until a new raster is ready the previous one of the same frame is
 * drawn (or nothing for a new frame). {@link #pointerAt} gives the hover text: rank, confluency and attention of
 * the patch under the pointer. Add to the viewer with {@code viewer.layers().add(layer)}; call
 * {@link #setRedraw} with the viewer's {@code requestRedraw}. FX thread, except the rendering.
 */
public final class HeatmapLayer implements OverlayLayer {

    /** A raster and what it was rendered from. */
    record Rendered(FrameHeatmap source, HeatmapStyle style, AttentionScale scale, HeatmapRaster raster) {
    }

    private final HeatmapSettings settings;
    private final Executor background;
    private final Executor ui;
    private final ObjectProperty<FrameHeatmap.Sequence> sequence = new SimpleObjectProperty<>(this, "sequence");
    private final ReadOnlyObjectWrapper<AttentionScale> scale = new ReadOnlyObjectWrapper<>(this, "scale");
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private Runnable redraw = () -> { };
    private Rendered ready;
    private Rendered pending;
    private Rendered drawn;
    private WritableImage image;
    private long renders;

    public HeatmapLayer(HeatmapSettings settings, Executor background, Executor ui) {
        this.settings = settings;
        this.background = background;
        this.ui = ui;
        sequence.addListener(o -> rescale());
        settings.scaleModeProperty().addListener(o -> rescale());
        settings.styleProperty().addListener(o -> redraw.run());
    }

    /** What redraws the viewer (its {@code requestRedraw}). */
    public void setRedraw(Runnable r) {
        this.redraw = r;
    }

    private void rescale() {
        FrameHeatmap.Sequence s = sequence.get();
        scale.set(s == null ? null : AttentionScale.of(settings.scaleModeProperty().get(), s.attention()));
        redraw.run();
    }

    @Override
    public String name() {
        return "Attention heatmap";
    }

    @Override
    public BooleanProperty visibleProperty() {
        return settings.visibleProperty();
    }

    public HeatmapSettings settings() {
        return settings;
    }

    /** The attention shown: a sequence's frames (null: none). */
    public ObjectProperty<FrameHeatmap.Sequence> sequenceProperty() {
        return sequence;
    }

    /** The scale of the current sequence and scale mode (for the legend). */
    public ReadOnlyObjectProperty<AttentionScale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /** "#3 · confluency 0.91 · attention 0.0123" for the patch under the pointer, else empty. */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** The pointer is over image pixel (imageX, imageY) of {@code frame}; updates {@link #hoverTextProperty()}. */
    public PatchAttention pointerAt(Frame frame, double imageX, double imageY) {
        PatchAttention p = null;
        FrameHeatmap.Sequence s = sequence.get();
        FrameHeatmap fh = s == null || frame == null || !settings.visibleProperty().get() ? null : s.of(frame);
        if (fh != null) {
            double[] k = imageScale(fh);
            p = fh.attention().at(imageX / k[0], imageY / k[1]);
        }
        hoverText.set(p == null ? "" : hoverText(p));
        return p;
    }

    public static String hoverText(PatchAttention p) {
        return String.format(Locale.ROOT, "#%d · confluency %.2f · attention %.4g", p.rank() + 1, p.confluency(),
                p.attention());
    }

    /** Image pixels per patch-space pixel, from the frame's header size (1 when unknown). */
    static double[] imageScale(FrameHeatmap fh) {
        var header = fh.frame().header();
        if (header == null || header.width() <= 0 || header.height() <= 0) {
            return new double[] {1, 1};
        }
        return new double[] {(double) header.width() / fh.attention().width(),
            (double) header.height() / fh.attention().height()};
    }

    @Override
    public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
        FrameHeatmap.Sequence s = sequence.get();
        AttentionScale sc = scale.get();
        FrameHeatmap fh = s == null || frame == null ? null : s.of(frame);
        if (fh == null || sc == null) {
            return;
        }
        HeatmapStyle st = settings.style();
        Rendered r = ready;
        if (r == null || r.source() != fh || !r.style().equals(st) || !r.scale().equals(sc)) {
            prepare(fh, st, sc);
            r = ready; // a synchronous executor (tests) has it already
        }
        if (r == null || r.source() != fh) {
            return;
        }
        if (r != drawn || image == null) {
            image = toImage(r.raster(), image);
            drawn = r;
        }
        double[] k = imageScale(fh);
        OverlayLayer.imageSpace(g, view);
        g.setImageSmoothing(true);
        g.drawImage(image, 0, 0, fh.attention().width() * k[0], fh.attention().height() * k[1]);
    }

    private void prepare(FrameHeatmap fh, HeatmapStyle st, AttentionScale sc) {
        if (pending != null && pending.source() == fh && pending.style().equals(st) && pending.scale().equals(sc)) {
            return;
        }
        Rendered key = new Rendered(fh, st, sc, null);
        pending = key;
        boolean[] inline = {true};
        background.execute(() -> {
            HeatmapRaster raster = HeatmapRenderer.render(fh.attention(), sc, st, HeatmapRenderer.DEFAULT_MAX_SIDE);
            ui.execute(() -> {
                renders++;
                if (pending == key) {
                    pending = null;
                    ready = new Rendered(fh, st, sc, raster);
                    if (!inline[0]) {
                        redraw.run();
                    }
                }
            });
        });
        inline[0] = false;
    }

    private static WritableImage toImage(HeatmapRaster r, WritableImage reuse) {
        WritableImage img = reuse != null && (int) reuse.getWidth() == r.width()
                && (int) reuse.getHeight() == r.height() ? reuse : new WritableImage(r.width(), r.height());
        img.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.argb(), 0,
                r.width());
        return img;
    }

    /** The raster drawn last (tests). */
    HeatmapRaster drawnRaster() {
        return drawn == null ? null : drawn.raster();
    }

    /** Rasters rendered so far (tests). */
    long renders() {
        return renders;
    }
}
