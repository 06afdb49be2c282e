package org.clanet.workbench.app.viewer;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.clanet.workbench.dataset.Frame;

/**
 * A scale bar in the viewer's bottom-right corner, 1, 2 or 5 × 10ⁿ long and about {@link #TARGET_PX} on screen:
 * in µm when the pixel size is known (set for the dataset, {@link #micronsPerPixelProperty()}, else the file's TIFF
 * resolution tags), else in image pixels.
 */
public final class ScaleBarLayer implements OverlayLayer {

    static final double TARGET_PX = 120;

    /** A bar: its length in the unit, the label, and its length on screen. */
    record Bar(double length, String label, double screenPx) {
    }

    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final DoubleProperty micronsPerPixel = new SimpleDoubleProperty(this, "micronsPerPixel", 0);

    @Override
    public String name() {
        return "Scale bar";
    }

    @Override
    public BooleanProperty visibleProperty() {
        return visible;
    }

    /** The dataset's pixel size in µm set by the user; 0 uses the file's own (or pixels when it has none). */
    public DoubleProperty micronsPerPixelProperty() {
        return micronsPerPixel;
    }

    /** The pixel size in force for a frame: the dataset's setting, else the file's, else 0 (unknown). */
    public double micronsPerPixel(Frame frame) {
        if (micronsPerPixel.get() > 0) {
            return micronsPerPixel.get();
        }
        return frame == null ? 0 : frame.header().micronsPerPixel();
    }

    /** The bar for a zoom ({@code scale}: screen px per image px) and pixel size (0: a bar in pixels). */
    static Bar choose(double scale, double micronsPerPixel) {
        double unitsPerScreenPx = (micronsPerPixel > 0 ? micronsPerPixel : 1) / scale;
        double raw = TARGET_PX * unitsPerScreenPx;
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        double length = decade;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade <= raw * 1.25) {
                length = m * decade;
            }
        }
        String number = length >= 1 ? String.format(Locale.ROOT, "%.0f", length)
                : String.format(Locale.ROOT, "%s", (float) length);
        String unit = micronsPerPixel > 0 ? (length >= 1000 ? "mm" : "µm") : "px";
        if (unit.equals("mm")) {
            number = String.format(Locale.ROOT, "%s", length / 1000 == Math.rint(length / 1000)
                    ? String.valueOf((long) (length / 1000)) : String.valueOf(length / 1000));
        }
        return new Bar(length, number + " " + unit, length / unitsPerScreenPx);
    }

    @Override
    public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
        if (frame == null) {
            return;
        }
        Bar bar = choose(view.scale(), micronsPerPixel(frame));
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        double x1 = w - 16;
        double x0 = x1 - bar.screenPx();
        double y = h - 16;
        g.setFill(Color.color(0, 0, 0, 0.55));
        g.fillRoundRect(x0 - 8, y - 22, bar.screenPx() + 16, 30, 6, 6);
        g.setStroke(Color.WHITE);
        g.setLineWidth(3);
        g.strokeLine(x0, y, x1, y);
        g.setFill(Color.WHITE);
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(bar.label(), (x0 + x1) / 2, y - 4);
    }
}
