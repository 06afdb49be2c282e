package org.clanet.workbench.app.attention;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.clanet.workbench.mil.heatmap.ColorMap;

/**
 * The frame attention strip, meant to sit right above the timeline thumbnails (same width, one slot per frame):
 * bars of the summed attention per frame coloured on the colour map, the selected frame outlined; click a bar to
 * jump to its frame; hover for its value.
 */
public final class FrameStripView extends Region {

    public static final double PREF_HEIGHT = 44;
    private static final Color BACKGROUND = Color.web("#26282b");
    private static final Color SELECTED = Color.web("#ffb000");

    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private final FrameStripViewModel vm;

    public FrameStripView(FrameStripViewModel vm) {
        this.vm = vm;
        getStyleClass().add("frame-strip");
        setId("frameStrip");
        getChildren().add(canvas);
        setPrefHeight(PREF_HEIGHT);
        setMinHeight(24);
        vm.stripProperty().addListener(o -> draw());
        vm.selectedIndexProperty().addListener(o -> draw());
        vm.colorMapProperty().addListener(o -> draw());
        setOnMouseClicked(e -> vm.select(index(e.getX())));
        setOnMouseMoved(e -> {
            String text = vm.describe(index(e.getX()));
            tip.setText(text);
            if (text.isEmpty()) {
                Tooltip.uninstall(this, tip);
            } else {
                Tooltip.install(this, tip);
            }
        });
    }

    private int index(double x) {
        var s = vm.stripProperty().get();
        return s == null ? -1 : FrameStripViewModel.indexAt(x, getWidth(), s.size());
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    /** Paints the strip now. */
    public void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        var s = vm.stripProperty().get();
        if (s == null || s.size() == 0 || w <= 0) {
            return;
        }
        ColorMap map = vm.colorMapProperty().get();
        double max = s.max();
        int n = s.size();
        double slot = w / n;
        double gap = slot >= 6 ? 1 : 0;
        for (int i = 0; i < n; i++) {
            double v = max > 0 ? s.summed()[i] / max : 0;
            double bh = Math.max(1, v * (h - 4));
            int c = map.rgb(v);
            g.setFill(Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff));
            g.fillRect(i * slot + gap, h - bh, slot - 2 * gap, bh);
        }
        int sel = vm.selectedIndexProperty().get();
        if (sel >= 0 && sel < n) {
            g.setStroke(SELECTED);
            g.setLineWidth(2);
            g.strokeRect(sel * slot + 1, 1, slot - 2, h - 2);
        }
    }

    public Canvas canvas() {
        return canvas;
    }
}
