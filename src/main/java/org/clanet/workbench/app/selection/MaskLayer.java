package org.clanet.workbench.app.selection;

import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.clanet.workbench.app.viewer.OverlayLayer;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.clanet.workbench.dataset.Frame;

/**
 * The CLANet cell mask of the frame shown, tinted with {@link OverlaySettings#maskColorProperty()} at
 * {@link OverlaySettings#maskOpacityProperty()}. Draws only a result that belongs to the frame on screen; the
 * tinted image is rebuilt only when the result or the colour changes.
 */
public final class MaskLayer implements OverlayLayer {

    private final OverlaySettings settings;
    private final Supplier<FrameSelection> current;
    private FrameSelection tinted;
    private Color tintColor;
    private WritableImage image;

    MaskLayer(OverlaySettings settings, Supplier<FrameSelection> current) {
        this.settings = settings;
        this.current = current;
    }

    @Override
    public String name() {
        return "Cell mask (CLANet)";
    }

    @Override
    public BooleanProperty visibleProperty() {
        return settings.maskVisibleProperty();
    }

    @Override
    public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
        FrameSelection r = current.get();
        if (r == null || frame == null || !r.frame().equals(frame) || !r.hasMask()) {
            return;
        }
        Color c = settings.maskColorProperty().get();
        if (r != tinted || !c.equals(tintColor) || image == null) {
            image = tint(r, c, image);
            tinted = r;
            tintColor = c;
        }
        OverlayLayer.imageSpace(g, view);
        g.setImageSmoothing(false);
        g.setGlobalAlpha(settings.maskOpacityProperty().get());
        g.drawImage(image, 0, 0, r.maskWidth() * r.scaleX(), r.maskHeight() * r.scaleY());
    }

    private static WritableImage tint(FrameSelection r, Color c, WritableImage reuse) {
        int w = r.maskWidth();
        int h = r.maskHeight();
        int[] argb = tintArgb(r.mask(), OverlaySettings.opaqueArgb(c));
        WritableImage img = reuse != null && (int) reuse.getWidth() == w && (int) reuse.getHeight() == h
                ? reuse : new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    /** Mask pixels in {@code argb}, the rest transparent. */
    static int[] tintArgb(byte[] mask, int argb) {
        int[] out = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] != 0 ? argb : 0;
        }
        return out;
    }
}
