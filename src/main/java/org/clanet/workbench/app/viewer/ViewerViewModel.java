package org.clanet.workbench.app.viewer;

import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.GrayImage;

/**
 * The viewer's state: which frame is shown, its decoded pixels (loaded off the FX thread, latest request wins)
 * or the reason it cannot be shown, zoom/pan ({@link ViewTransform}; fit-to-window until the user zooms),
 * display-only brightness/contrast/auto levels, the pixel readout, and the overlay layers. FX-thread only; the
 * view ({@code ImageViewer}) only renders this state and forwards input.
 */
public final class ViewerViewModel {

    private final FrameLoader loader;
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(this, "frame");
    private final ReadOnlyObjectWrapper<GrayImage> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyObjectWrapper<Frame> shownFrame = new ReadOnlyObjectWrapper<>(this, "shownFrame");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    /** 1, or n when the image shown is every n-th pixel and row of the file (a preview of a huge frame). */
    private int step = 1;
    /** Full-resolution pixels of the visible part of a preview, once zoomed in past the preview's resolution. */
    private final ReadOnlyObjectWrapper<FrameLoader.Region> tile = new ReadOnlyObjectWrapper<>(this, "tile");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<ViewTransform> transform =
            new ReadOnlyObjectWrapper<>(this, "transform", ViewTransform.IDENTITY);
    private final BooleanProperty fitToWindow = new SimpleBooleanProperty(this, "fitToWindow", true);
    private final DoubleProperty brightness = new SimpleDoubleProperty(this, "brightness", 0);
    private final DoubleProperty contrast = new SimpleDoubleProperty(this, "contrast", 1);
    private final BooleanProperty autoLevels = new SimpleBooleanProperty(this, "autoLevels", true);
    private final ReadOnlyObjectWrapper<float[]> levels = new ReadOnlyObjectWrapper<>(this, "levels",
            new float[] {0, 1});
    private final ObjectBinding<DisplayMapping> mapping;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final ObservableList<OverlayLayer> layers = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper redraw = new ReadOnlyLongWrapper(this, "redraw");
    private final InvalidationListener redrawOnChange = o -> requestRedraw();
    private double viewW;
    private double viewH;

    public ViewerViewModel(FrameLoader loader) {
        this.loader = loader;
        frame.addListener((o, a, f) -> load(f));
        mapping = Bindings.createObjectBinding(() -> {
            float[] lv = autoLevels.get() ? levels.get() : new float[] {0, 1};
            return new DisplayMapping(lv[0], lv[1], brightness.get(), contrast.get());
        }, autoLevels, levels, brightness, contrast);
        layers.addListener((ListChangeListener<OverlayLayer>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(l -> l.visibleProperty().removeListener(redrawOnChange));
                c.getAddedSubList().forEach(l -> l.visibleProperty().addListener(redrawOnChange));
            }
            requestRedraw();
        });
        for (Observable o : new Observable[] {transform, mapping, image, error, tile}) {
            o.addListener(redrawOnChange);
        }
        transform.addListener(o -> updateTile());
    }

    private void load(Frame f) {
        if (f == null) {
            loader.cancelPending();
            image.set(null);
            shownFrame.set(null);
            error.set("");
            notice.set("");
            step = 1;
            tile.set(null);
            loader.cancelRegion();
            loading.set(false);
            return;
        }
        loading.set(true);
        loader.load(f.path(), r -> {
            loading.set(false);
            boolean sizeChanged = image.get() == null || r.image() == null
                    || image.get().width() != r.image().width() || image.get().height() != r.image().height();
            if (r.image() != null) {
                levels.set(r.levels()); // computed by the loader next to the decode, off the FX thread
            }
            error.set(r.error() == null ? "" : r.error());
            step = r.image() == null ? 1 : r.step();
            notice.set(step == 1 ? "" : String.format(Locale.ROOT,
                    "Preview: every %d%s pixel of a %d×%d frame (too large to hold whole)", step, ordinal(step),
                    r.image().width() * step, r.image().height() * step));
            shownFrame.set(f);
            tile.set(null);
            loader.cancelRegion();
            image.set(r.image());
            if (fitToWindow.get() || sizeChanged && r.image() != null) {
                fit();
            }
            updateTile();
            requestRedraw();
        });
    }

    /**
     * Over a preview, once a preview pixel covers more than a screen pixel: asks for the visible part of the file at
     * full resolution (with a margin, at most {@link org.clanet.workbench.imaging.ImageLimits#PREVIEW_PIXELS}), so
     * zooming into a huge frame shows its real pixels while memory stays bounded.
     */
    private void updateTile() {
        GrayImage g = image.get();
        Frame f = shownFrame.get();
        ViewTransform t = transform.get();
        if (step == 1 || g == null || f == null || t.scale() <= 1 || viewW <= 0) {
            if (tile.get() != null) {
                tile.set(null);
            }
            loader.cancelRegion();
            return;
        }
        double px0 = Math.max(0, t.toImageX(0));
        double py0 = Math.max(0, t.toImageY(0));
        double px1 = Math.min(g.width(), t.toImageX(viewW));
        double py1 = Math.min(g.height(), t.toImageY(viewH));
        if (px1 <= px0 || py1 <= py0) {
            return;
        }
        int x0 = (int) Math.floor(px0) * step;
        int y0 = (int) Math.floor(py0) * step;
        int x1 = (int) Math.ceil(px1) * step;
        int y1 = (int) Math.ceil(py1) * step;
        FrameLoader.Region have = tile.get();
        if (have != null && have.file().equals(f.path()) && have.x() <= x0 && have.y() <= y0
                // the file is at least (preview size - 1) · step + 1 wide: a tile clamped there covers the edge
                && have.x() + have.image().width() >= Math.min(x1, (g.width() - 1) * step + 1)
                && have.y() + have.image().height() >= Math.min(y1, (g.height() - 1) * step + 1)) {
            return; // the tile covers the view
        }
        int mx = (x1 - x0) / 4;
        int my = (y1 - y0) / 4;
        long area = (long) (x1 - x0 + 2 * mx) * (y1 - y0 + 2 * my);
        if (area > org.clanet.workbench.imaging.ImageLimits.PREVIEW_PIXELS) {
            mx = 0;
            my = 0;
            if ((long) (x1 - x0) * (y1 - y0) > org.clanet.workbench.imaging.ImageLimits.PREVIEW_PIXELS) {
                return; // not zoomed in enough for a bounded tile: the preview is what shows
            }
        }
        int rx = Math.max(0, x0 - mx);
        int ry = Math.max(0, y0 - my);
        loader.loadRegion(f.path(), rx, ry, x1 + mx - rx, y1 + my - ry, r -> {
            Frame now = shownFrame.get();
            if (now != null && now.path().equals(r.file()) && step > 1) {
                tile.set(r);
            }
        });
    }

    /** The full-resolution tile over a preview (null when none); file pixel coordinates. */
    public ReadOnlyObjectProperty<FrameLoader.Region> tileProperty() {
        return tile.getReadOnlyProperty();
    }

    /** The view's size, on every resize; refits while in fit-to-window mode. */
    public void setViewport(double w, double h) {
        viewW = w;
        viewH = h;
        if (fitToWindow.get()) {
            fit();
        }
    }

    public void fit() {
        GrayImage g = image.get();
        fitToWindow.set(true);
        if (g != null && viewW > 0 && viewH > 0) {
            transform.set(ViewTransform.fit(g.width(), g.height(), viewW, viewH));
        }
    }

    /** Actual file pixels: one file pixel per screen pixel (a preview pixel then covers {@code step}). */
    public void oneToOne() {
        fitToWindow.set(false);
        ViewTransform t = transform.get();
        transform.set(t.zoomAt(step / t.scale(), viewW / 2, viewH / 2));
    }

    public void zoomIn() {
        zoomAt(1.25, viewW / 2, viewH / 2);
    }

    public void zoomOut() {
        zoomAt(0.8, viewW / 2, viewH / 2);
    }

    public void zoomAt(double factor, double x, double y) {
        fitToWindow.set(false);
        transform.set(transform.get().zoomAt(factor, x, y));
    }

    /**
     * Centres the view on the file point (x, y), keeping the zoom, only as far as the image edges allow: the image
     * keeps filling the view (centring a corner patch used to leave half the view empty); an axis on which the
     * image is smaller than the view is centred. Leaves fit-to-window.
     */
    public void centerOn(double x, double y) {
        fitToWindow.set(false);
        double k = transform.get().scale();
        GrayImage g = image.get();
        double tx = viewW / 2 - x / step * k;
        double ty = viewH / 2 - y / step * k;
        if (g != null) {
            tx = clampAxis(tx, g.width() * k, viewW);
            ty = clampAxis(ty, g.height() * k, viewH);
        }
        transform.set(new ViewTransform(k, tx, ty));
    }

    /** The offset that keeps an image of {@code extent} covering a view of {@code view} (or centred in it). */
    static double clampAxis(double offset, double extent, double view) {
        if (extent <= view) {
            return (view - extent) / 2;
        }
        return Math.max(view - extent, Math.min(0, offset));
    }

    public void panBy(double dx, double dy) {
        fitToWindow.set(false);
        transform.set(transform.get().panBy(dx, dy));
    }

    /** The pointer at view point (x, y): updates the readout "x 12 · y 40 · 0.482 (123)". */
    public void pointerAt(double x, double y) {
        GrayImage g = image.get();
        if (g == null) {
            readout.set("");
            return;
        }
        int ix = (int) Math.floor(transform.get().toImageX(x));
        int iy = (int) Math.floor(transform.get().toImageY(y));
        if (ix < 0 || iy < 0 || ix >= g.width() || iy >= g.height()) {
            readout.set("");
            return;
        }
        String text = readoutText(g, ix, iy);
        // a preview's pixel (ix, iy) is the file's (ix·step, iy·step): report the file's coordinates
        readout.set(step == 1 ? text : text.replaceFirst("^x \\d+ · y \\d+", "x " + ix * step + " · y " + iy * step)
                + " (preview)");
    }

    private static String ordinal(int n) {
        return n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** 1, or the subsampling of the preview on screen (overlays in file pixels are drawn scaled by it). */
    public int previewStep() {
        return step;
    }

    /** A note about what is shown (a subsampled preview); empty normally. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void pointerExited() {
        readout.set("");
    }

    static String readoutText(GrayImage g, int x, int y) {
        float v = g.get(x, y);
        String code = g.integerCoded() ? " (" + Math.round(v * g.sourceMax()) + ")" : "";
        return String.format(Locale.ROOT, "x %d · y %d · %.4f%s", x, y, v, code);
    }

    public void resetDisplay() {
        brightness.set(0);
        contrast.set(1);
        autoLevels.set(true);
    }

    /** Asks the view to draw again (an overlay's content changed). */
    public void requestRedraw() {
        redraw.set(redraw.get() + 1);
    }

    public ReadOnlyLongProperty redrawProperty() {
        return redraw.getReadOnlyProperty();
    }

    public ObjectProperty<Frame> frameProperty() {
        return frame;
    }

    /** The frame whose pixels (or error) are on screen now; lags {@link #frameProperty()} while decoding. */
    public ReadOnlyObjectProperty<Frame> shownFrameProperty() {
        return shownFrame.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GrayImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public GrayImage getImage() {
        return image.get();
    }

    /** Why the current frame cannot be shown; empty when it can. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ViewTransform> transformProperty() {
        return transform.getReadOnlyProperty();
    }

    public ViewTransform getTransform() {
        return transform.get();
    }

    public BooleanProperty fitToWindowProperty() {
        return fitToWindow;
    }

    public DoubleProperty brightnessProperty() {
        return brightness;
    }

    public DoubleProperty contrastProperty() {
        return contrast;
    }

    public BooleanProperty autoLevelsProperty() {
        return autoLevels;
    }

    public ObjectBinding<DisplayMapping> mappingProperty() {
        return mapping;
    }

    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** "100 %" style zoom label, in file pixels (a preview of every 3rd pixel shown at 300 % is 100 %). */
    public String zoomText() {
        return String.format(Locale.ROOT, "%.0f %%", transform.get().scale() / step * 100);
    }

    /** Overlay layers, drawn in order over the image. Add yours here (see {@link OverlayLayer}). */
    public ObservableList<OverlayLayer> layers() {
        return layers;
    }

    public FrameLoader loader() {
        return loader;
    }
}
