package org.clanet.workbench.app.selection;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.paint.Color;

/**
 * How the selection overlays look: the mask (shown or not, colour, opacity) and the patch boxes (shown or not,
 * colour, rank/confluency labels). The two visibility flags are the overlay layers' own, so View → Overlays, the
 * overlay panel and tests all flip the same property.
 */
public final class OverlaySettings {

    public static final Color DEFAULT_MASK_COLOR = Color.web("#00d0ff");
    public static final double DEFAULT_MASK_OPACITY = 0.35;
    public static final Color DEFAULT_PATCH_COLOR = Color.web("#ffb000");
    public static final Color HIGHLIGHT_COLOR = Color.web("#ff3df2");

    private final BooleanProperty maskVisible = new SimpleBooleanProperty(this, "maskVisible", true);
    private final ObjectProperty<Color> maskColor = new SimpleObjectProperty<>(this, "maskColor", DEFAULT_MASK_COLOR);
    private final DoubleProperty maskOpacity = new SimpleDoubleProperty(this, "maskOpacity", DEFAULT_MASK_OPACITY);
    private final BooleanProperty patchesVisible = new SimpleBooleanProperty(this, "patchesVisible", true);
    private final ObjectProperty<Color> patchColor = new SimpleObjectProperty<>(this, "patchColor", DEFAULT_PATCH_COLOR);
    private final BooleanProperty labelsVisible = new SimpleBooleanProperty(this, "labelsVisible", true);

    public OverlaySettings() {
        maskOpacity.addListener((o, a, v) -> {
            double d = v.doubleValue();
            if (d < 0 || d > 1 || Double.isNaN(d)) {
                maskOpacity.set(Double.isNaN(d) ? DEFAULT_MASK_OPACITY : Math.max(0, Math.min(1, d)));
            }
        });
        maskColor.addListener((o, a, c) -> {
            if (c == null) {
                maskColor.set(DEFAULT_MASK_COLOR);
            }
        });
        patchColor.addListener((o, a, c) -> {
            if (c == null) {
                patchColor.set(DEFAULT_PATCH_COLOR);
            }
        });
    }

    /** Everything that changes the picture (redraw on any). */
    public ObservableValue<?>[] observables() {
        return new ObservableValue<?>[] {maskVisible, maskColor, maskOpacity, patchesVisible, patchColor,
            labelsVisible};
    }

    /** The settings as text, for the preferences file. */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("maskVisible", Boolean.toString(maskVisible.get()));
        m.put("maskColor", web(maskColor.get()));
        m.put("maskOpacity", Double.toString(maskOpacity.get()));
        m.put("patchesVisible", Boolean.toString(patchesVisible.get()));
        m.put("patchColor", web(patchColor.get()));
        m.put("labelsVisible", Boolean.toString(labelsVisible.get()));
        return m;
    }

    /** Restores what {@link #toMap()} wrote; missing or unreadable values keep their current setting. */
    public void apply(java.util.Map<String, String> m) {
        bool(m.get("maskVisible"), maskVisible);
        bool(m.get("patchesVisible"), patchesVisible);
        bool(m.get("labelsVisible"), labelsVisible);
        color(m.get("maskColor"), maskColor);
        color(m.get("patchColor"), patchColor);
        try {
            if (m.get("maskOpacity") != null) {
                maskOpacity.set(Double.parseDouble(m.get("maskOpacity")));
            }
        } catch (NumberFormatException ignored) {
            // keep the current opacity
        }
    }

    private static void bool(String v, BooleanProperty p) {
        if ("true".equals(v) || "false".equals(v)) {
            p.set(Boolean.parseBoolean(v));
        }
    }

    private static void color(String v, ObjectProperty<Color> p) {
        try {
            if (v != null) {
                p.set(Color.web(v));
            }
        } catch (IllegalArgumentException ignored) {
            // keep the current colour
        }
    }

    private static String web(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    public void reset() {
        maskVisible.set(true);
        maskColor.set(DEFAULT_MASK_COLOR);
        maskOpacity.set(DEFAULT_MASK_OPACITY);
        patchesVisible.set(true);
        patchColor.set(DEFAULT_PATCH_COLOR);
        labelsVisible.set(true);
    }

    public BooleanProperty maskVisibleProperty() {
        return maskVisible;
    }

    public ObjectProperty<Color> maskColorProperty() {
        return maskColor;
    }

    public DoubleProperty maskOpacityProperty() {
        return maskOpacity;
    }

    public BooleanProperty patchesVisibleProperty() {
        return patchesVisible;
    }

    public ObjectProperty<Color> patchColorProperty() {
        return patchColor;
    }

    public BooleanProperty labelsVisibleProperty() {
        return labelsVisible;
    }

    /** ARGB of a colour, fully opaque (opacity is applied when drawing). */
    static int opaqueArgb(Color c) {
        int r = (int) Math.round(c.getRed() * 255);
        int g = (int) Math.round(c.getGreen() * 255);
        int b = (int) Math.round(c.getBlue() * 255);
        return 0xff000000 | r << 16 | g << 8 | b;
    }
}
