package org.clanet.workbench.app.training;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.clanet.workbench.app.charts.Views;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The snippets of a sequence on its time axis: one row of dots per snippet (a dot per frame it took, at the frame's
 * time; the sequence's other frames as faint ticks), its weight as a bar at the row's end; the snippet stepped to
 * is highlighted and its dots coloured and sized by the attention the model gave each frame (when recorded).
 * Previous / Next step through them; clicking a row steps to it.
 */
public final class SnippetView extends BorderPane {

    static final double ROW = 18;
    static final double LEFT = 70;
    static final double RIGHT = 70;
    static final double TOP = 34;
    private static final Color ACCENT = Color.web("#e06c00");

    private final SnippetViewModel vm;
    private final Canvas canvas = new Canvas(600, 200);
    private final ScrollPane scroll = new ScrollPane(canvas);

    public SnippetView(SnippetViewModel vm) {
        this.vm = vm;
        getStyleClass().add("snippet-view");
        setId("snippetView");
        getStylesheets().add(Views.stylesheet());
        Button prev = new Button(null, new FontIcon("mdi2c-chevron-left"));
        prev.setId("snippetPrev");
        prev.setOnAction(e -> vm.previous());
        Button next = new Button(null, new FontIcon("mdi2c-chevron-right"));
        next.setId("snippetNext");
        next.setOnAction(e -> vm.next());
        Label info = new Label();
        info.textProperty().bind(vm.infoProperty());
        info.getStyleClass().add("snippet-info");
        info.setId("snippetInfo");
        HBox bar = new HBox(6, prev, next, info);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        setTop(bar);
        setCenter(scroll);
        scroll.setFitToWidth(true);
        scroll.viewportBoundsProperty().addListener(o -> draw());
        vm.snippetsProperty().addListener(o -> draw());
        vm.indexProperty().addListener(o -> {
            prev.setDisable(!vm.hasPrevious());
            next.setDisable(!vm.hasNext());
            draw();
        });
        canvas.setOnMouseClicked(e -> vm.select((int) Math.floor((e.getY() - TOP) / ROW)));
        draw();
    }

    /** x of an hour on the time axis. */
    static double xOf(double hour, double first, double last, double width) {
        double span = last - first;
        return LEFT + (span <= 0 ? 0 : (hour - first) / span * (width - LEFT - RIGHT));
    }

    public void draw() {
        SnippetViewModel.Snippets s = vm.snippetsProperty().get();
        double width = Math.max(400, scroll.getViewportBounds().getWidth());
        int rows = s == null ? 0 : s.snippets().size();
        double height = TOP + rows * ROW + 8;
        canvas.setWidth(width);
        canvas.setHeight(height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (s == null || s.frameHours().length == 0) {
            return;
        }
        double[] t = s.frameHours();
        double first = t[0];
        double last = t[t.length - 1];
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.setStroke(Color.web("#9aa0a6"));
        g.setLineWidth(1);
        g.strokeLine(LEFT, TOP - 10, width - RIGHT, TOP - 10);
        int labelEvery = Math.max(1, (int) Math.ceil(t.length / ((width - LEFT - RIGHT) / 48)));
        for (int f = 0; f < t.length; f++) {
            double x = xOf(t[f], first, last, width);
            g.strokeLine(x, TOP - 13, x, TOP - 7);
            if (f % labelEvery == 0) {
                g.setFill(Color.web("#5f6368"));
                g.fillText(s.frameLabels().get(f), x, 4);
            }
        }
        int current = vm.indexProperty().get();
        double maxAttention = 0;
        Snippet cur = vm.current();
        if (cur != null && cur.attention() != null) {
            for (double a : cur.attention()) {
                maxAttention = Math.max(maxAttention, a);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < rows; r++) {
            Snippet sn = s.snippets().get(r);
            double y = TOP + r * ROW + ROW / 2;
            boolean isCurrent = r == current;
            if (isCurrent) {
                g.setFill(Color.web("#fff1e0"));
                g.fillRect(0, y - ROW / 2, width, ROW);
            }
            g.setFill(isCurrent ? ACCENT : Color.web("#5f6368"));
            g.fillText(String.format(Locale.ROOT, "e%d g%d", sn.epoch(), sn.g()), 6, y);
            g.setFill(Color.web("#dadce0"));
            for (double h : t) {
                g.fillRect(xOf(h, first, last, width) - 0.5, y - 3, 1, 6);
            }
            for (int k = 0; k < sn.frames().size(); k++) {
                int f = sn.frames().get(k);
                if (f < 0 || f >= t.length) {
                    continue;
                }
                double x = xOf(t[f], first, last, width);
                double radius = 3.5;
                Color c = isCurrent ? ACCENT : Color.web("#3c4043");
                if (isCurrent && sn.attention() != null && maxAttention > 0) {
                    double v = sn.attention()[k] / maxAttention;
                    int rgb = ColorMap.VIRIDIS.rgb(v);
                    c = Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
                    radius = 3 + 4 * v;
                }
                g.setFill(c);
                g.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
            }
            double bw = Math.max(1, Math.min(1, sn.weight() / 2) * (RIGHT - 24));
            g.setFill(isCurrent ? ACCENT : Color.web("#9aa0a6"));
            g.fillRect(width - RIGHT + 12, y - 3, bw, 6);
        }
    }

    public Canvas canvas() {
        return canvas;
    }
}
