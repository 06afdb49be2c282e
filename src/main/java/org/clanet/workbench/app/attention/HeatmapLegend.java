package org.clanet.workbench.app.attention;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.clanet.workbench.mil.heatmap.AttentionScale;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.clanet.workbench.mil.heatmap.RenderMode;
import org.clanet.workbench.mil.heatmap.ScaleMode;

/**
 * The heatmap's legend and controls, small enough to float over the viewer's corner: "attention for: A549", the
 * colour bar with the scale's min and max, the scale's description, then colour map, raw/percentile,
 * patches/smooth and an alpha slider bound to the layer's {@link HeatmapSettings}.
 */
public final class HeatmapLegend extends VBox {

    static final int BAR_WIDTH = 200;
    private final Canvas bar = new Canvas(BAR_WIDTH, 12);
    private final Label title = new Label();
    private final Label lo = new Label();
    private final Label hi = new Label();
    private final Label scaleText = new Label();

    public HeatmapLegend(HeatmapLayer layer) {
        HeatmapSettings s = layer.settings();
        getStyleClass().add("heatmap-legend");
        getStylesheets().add(org.clanet.workbench.app.charts.Views.stylesheet());
        setSpacing(4);
        setPadding(new Insets(8));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        title.getStyleClass().add("heatmap-legend-title");
        title.setId("heatmapLegendTitle");
        scaleText.getStyleClass().add("heatmap-legend-scale");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox ends = new HBox(lo, gap, hi);
        ends.setPrefWidth(BAR_WIDTH);
        ends.setMaxWidth(BAR_WIDTH);

        ComboBox<ColorMap> maps = new ComboBox<>();
        maps.getItems().setAll(ColorMap.values());
        maps.valueProperty().bindBidirectional(s.colorMapProperty());
        maps.setId("heatmapColorMap");
        HBox scaleButtons = toggles(s.scaleModeProperty(), ScaleMode.values(), "heatmapScale");
        HBox modeButtons = toggles(s.renderModeProperty(), RenderMode.values(), "heatmapMode");
        Slider alpha = new Slider(0, 1, s.alphaProperty().get());
        alpha.valueProperty().bindBidirectional(s.alphaProperty());
        alpha.setPrefWidth(110);
        alpha.setId("heatmapAlpha");
        alpha.setTooltip(new Tooltip("Heatmap opacity"));
        Label alphaText = new Label();
        alphaText.textProperty().bind(s.alphaProperty().asString(Locale.ROOT, "α %.2f"));
        HBox row1 = new HBox(6, maps, scaleButtons);
        HBox row2 = new HBox(6, modeButtons, alpha, alphaText);
        row1.setAlignment(Pos.CENTER_LEFT);
        row2.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, bar, ends, scaleText, row1, row2);

        layer.sequenceProperty().addListener(o -> update(layer));
        layer.scaleProperty().addListener(o -> update(layer));
        s.colorMapProperty().addListener(o -> update(layer));
        update(layer);
    }

    private static <E extends Enum<E>> HBox toggles(javafx.beans.property.ObjectProperty<E> p, E[] values,
                                                    String id) {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.getStyleClass().add("segmented");
        box.setId(id);
        for (E v : values) {
            ToggleButton b = new ToggleButton(v.toString());
            b.setUserData(v);
            b.setToggleGroup(group);
            b.setSelected(v == p.get());
            box.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true); // one is always chosen
            } else {
                @SuppressWarnings("unchecked")
                E v = (E) t.getUserData();
                p.set(v);
            }
        });
        p.addListener((o, a, v) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == v)));
        return box;
    }

    private void update(HeatmapLayer layer) {
        FrameHeatmap.Sequence seq = layer.sequenceProperty().get();
        title.setText(seq == null ? "No attention to show" : "attention for: " + seq.className());
        AttentionScale sc = layer.scaleProperty().get();
        lo.setText(sc == null ? "" : String.format(Locale.ROOT, "%.3g", sc.lo()));
        hi.setText(sc == null ? "" : String.format(Locale.ROOT, "%.3g", sc.hi()));
        scaleText.setText(sc == null ? "" : sc.describe());
        paintBar(bar.getGraphicsContext2D(), layer.settings().colorMapProperty().get());
    }

    static void paintBar(GraphicsContext g, ColorMap map) {
        int w = (int) g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        for (int x = 0; x < w; x++) {
            int c = map.rgb(w == 1 ? 0 : (double) x / (w - 1));
            g.setFill(Color.rgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff));
            g.fillRect(x, 0, 1, h);
        }
    }

    public Label title() {
        return title;
    }
}
