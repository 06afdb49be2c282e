package org.clanet.workbench.app.attention;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.clanet.workbench.mil.heatmap.HeatmapStyle;
import org.clanet.workbench.mil.heatmap.RenderMode;
import org.clanet.workbench.mil.heatmap.ScaleMode;

/**
 * The heatmap controls as properties (FX thread), and the core style they make. Defaults:
 * {@link HeatmapStyle#DEFAULT}.
 */
public final class HeatmapSettings {

    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap",
            HeatmapStyle.DEFAULT.colorMap());
    private final ObjectProperty<ScaleMode> scaleMode = new SimpleObjectProperty<>(this, "scaleMode",
            HeatmapStyle.DEFAULT.scaleMode());
    private final ObjectProperty<RenderMode> renderMode = new SimpleObjectProperty<>(this, "renderMode",
            HeatmapStyle.DEFAULT.renderMode());
    private final DoubleProperty alpha = new SimpleDoubleProperty(this, "alpha", HeatmapStyle.DEFAULT.alpha());
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold",
            HeatmapStyle.DEFAULT.threshold());
    private final ObjectBinding<HeatmapStyle> style = Bindings.createObjectBinding(
            () -> new HeatmapStyle(colorMap.get(), scaleMode.get(), renderMode.get(), clamp(alpha.get()),
                    clamp(threshold.get())), colorMap, scaleMode, renderMode, alpha, threshold);

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    public ObjectProperty<ScaleMode> scaleModeProperty() {
        return scaleMode;
    }

    public ObjectProperty<RenderMode> renderModeProperty() {
        return renderMode;
    }

    /** Opacity 0..1 (default 0.4). */
    public DoubleProperty alphaProperty() {
        return alpha;
    }

    /** Normalised attention below which the map is transparent (default 0.1). */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** The core style of the current settings. */
    public ObjectBinding<HeatmapStyle> styleProperty() {
        return style;
    }

    public HeatmapStyle style() {
        return style.get();
    }
}
