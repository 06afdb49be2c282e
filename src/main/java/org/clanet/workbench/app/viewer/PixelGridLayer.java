package org.clanet.workbench.app.viewer;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.clanet.workbench.dataset.Frame;

/** A built-in overlay: the pixel grid, drawn once zoomed in to 8× or more. */
public final class PixelGridLayer extends NamedOverlayLayer {

    public PixelGridLayer() {
        super("Pixel grid (at 8× and closer)", new SimpleBooleanProperty(null, "visible", true));
    }



    @Override
    public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
        if (view.scale() < 8 || frame == null) {
            return;
        }
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        int x0 = (int) Math.max(0, Math.floor(view.toImageX(0)));
        int x1 = (int) Math.min(frame.header().width(), Math.ceil(view.toImageX(w)));
        int y0 = (int) Math.max(0, Math.floor(view.toImageY(0)));
        int y1 = (int) Math.min(frame.header().height(), Math.ceil(view.toImageY(h)));
        g.setStroke(Color.color(0.5, 0.7, 1.0, 0.35));
        g.setLineWidth(1);
        for (int x = x0; x <= x1; x++) {
            double vx = Math.round(view.toViewX(x)) + 0.5;
            g.strokeLine(vx, view.toViewY(y0), vx, view.toViewY(y1));
        }
        for (int y = y0; y <= y1; y++) {
            double vy = Math.round(view.toViewY(y)) + 0.5;
            g.strokeLine(view.toViewX(x0), vy, view.toViewX(x1), vy);
        }
    }
}
