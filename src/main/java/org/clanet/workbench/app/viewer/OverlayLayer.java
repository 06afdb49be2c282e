package org.clanet.workbench.app.viewer;

import javafx.beans.property.BooleanProperty;
import javafx.scene.canvas.GraphicsContext;
import org.clanet.workbench.dataset.Frame;

/**
 * Something drawn over the image in the viewer: cell masks, patch boxes, attention heatmaps. Later stages add
 * a layer with {@code viewer.layers().add(layer)} without touching the viewer; it appears in View → Overlays
 * with a check box bound to {@link #visibleProperty()}. Layers draw in list order, after the image, each in
 * its own {@code save()/restore()}. When a layer's content changes (new mask computed), call
 * {@link ViewerViewModel#requestRedraw()}.
 */
public interface OverlayLayer {

    /** Shown in the Overlays menu, e.g. "Cell mask". */
    String name();

    /** Toggling it redraws the viewer. */
    BooleanProperty visibleProperty();

    /**
     * Draws on the FX thread; must be quick (no file I/O: prepare data in the background and cache it).
     *
     * @param g     the viewer canvas, in view (screen) coordinates; use {@link #imageSpace} to draw in image pixels
     * @param frame the frame shown
     * @param view  image → view mapping
     */
    void draw(GraphicsContext g, Frame frame, ViewTransform view);

    /** Switches {@code g} to image-pixel coordinates (1 unit = 1 image pixel). */
    static void imageSpace(GraphicsContext g, ViewTransform view) {
        g.transform(view.scale(), 0, 0, view.scale(), view.tx(), view.ty());
    }
}
