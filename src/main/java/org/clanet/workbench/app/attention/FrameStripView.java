package org.clanet.workbench.app.attention;

import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.clanet.workbench.mil.heatmap.ColorMap;

/**
 * The frame attention strip, meant to sit right above the timeline thumbnails: bars of the summed attention per
 * frame coloured on the colour map, the selected frame outlined; click a bar to jump to its frame; hover for its
 * value. By default the frames share the strip's width equally; {@link #followThumbnails} instead lines each bar
 * up with its thumbnail in a horizontal, scrolling {@code ListView} (fixed cell size), scrolling with it.
 */
public final class FrameStripView extends Region {

    public static final double PREF_HEIGHT = 44;
    private static final Color BACKGROUND = Color.web("#26282b");
    private static final Color SELECTED = Color.web("#ffb000");

    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private final FrameStripViewModel vm;
    private final DoubleProperty slotWidth = new SimpleDoubleProperty(this, "slotWidth", 0);
    private final DoubleProperty offset = new SimpleDoubleProperty(this, "offset", 0);

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
        slotWidth.addListener(o -> draw());
        offset.addListener(o -> draw());
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
        if (s == null) {
            return -1;
        }
        if (slotWidth.get() <= 0) {
            return FrameStripViewModel.indexAt(x, getWidth(), s.size());
        }
        int i = (int) Math.floor((x - offset.get()) / slotWidth.get());
        return x < 0 || x >= getWidth() || i < 0 || i >= s.size() ? -1 : i;
    }

    /** Width of one frame's slot in pixels; 0 (default): the frames share the strip's width. */
    public DoubleProperty slotWidthProperty() {
        return slotWidth;
    }

    /** x of frame 0's slot when slots have a fixed width (negative when scrolled). */
    public DoubleProperty offsetProperty() {
        return offset;
    }

    /**
     * Lines the bars up with the thumbnails of a horizontal ListView with a fixed cell size (the timeline's strip):
     * same slot width, and the offset follows the list's scrolling. Put the strip directly above the list, at the
     * same x and width.
     */
    public void followThumbnails(ListView<?> thumbnails) {
        slotWidth.set(thumbnails.getFixedCellSize());
        Runnable sync = () -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) thumbnails.lookup(".virtual-flow");
            IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
            if (first != null && first.getIndex() >= 0) {
                double x = first.localToScene(0, 0).getX() - localToScene(0, 0).getX();
                offset.set(x - first.getIndex() * thumbnails.getFixedCellSize());
            }
        };
        // the flow lays its cells out on scrolling and resizing: follow its layout passes (it exists once the
        // list has a skin)
        boolean[] attached = {false};
        Runnable attach = () -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) thumbnails.lookup(".virtual-flow");
            if (flow != null && !attached[0]) {
                attached[0] = true;
                flow.needsLayoutProperty().addListener((o, a, dirty) -> {
                    if (!dirty) {
                        sync.run();
                    }
                });
                flow.positionProperty().addListener(o -> Platform.runLater(sync));
            }
            sync.run();
        };
        thumbnails.skinProperty().addListener(o -> Platform.runLater(attach));
        needsLayoutProperty().addListener(o -> Platform.runLater(attach));
        Platform.runLater(attach);
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
        boolean fixed = slotWidth.get() > 0;
        double slot = fixed ? slotWidth.get() : w / n;
        double x0 = fixed ? offset.get() : 0;
        double gap = slot >= 6 ? 1 : 0;
        for (int i = 0; i < n; i++) {
            double x = x0 + i * slot;
            if (x + slot < 0 || x > w) {
                continue;
            }
            double v = max > 0 ? s.summed()[i] / max : 0;
            double bh = Math.max(1, v * (h - 4));
            int c = map.rgb(v);
            g.setFill(Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff));
            g.fillRect(x + gap, h - bh, slot - 2 * gap, bh);
        }
        int sel = vm.selectedIndexProperty().get();
        if (sel >= 0 && sel < n) {
            g.setStroke(SELECTED);
            g.setLineWidth(2);
            g.strokeRect(x0 + sel * slot + 1, 1, slot - 2, h - 2);
        }
    }

    public Canvas canvas() {
        return canvas;
    }
}
