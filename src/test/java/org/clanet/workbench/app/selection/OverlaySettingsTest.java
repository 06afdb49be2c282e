package org.clanet.workbench.app.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class OverlaySettingsTest {

    @Test
    void roundTripsThroughText() {
        OverlaySettings a = new OverlaySettings();
        a.maskVisibleProperty().set(false);
        a.maskColorProperty().set(Color.web("#102030"));
        a.maskOpacityProperty().set(0.8);
        a.patchColorProperty().set(Color.web("#a0b0c0"));
        OverlaySettings b = new OverlaySettings();
        b.apply(a.toMap());
        assertEquals(a.toMap(), b.toMap());
        assertFalse(b.maskVisibleProperty().get());
    }

    @Test
    void unreadableValuesKeepTheCurrentSettings() {
        OverlaySettings s = new OverlaySettings();
        s.apply(Map.of("maskColor", "not a colour", "maskOpacity", "lots", "maskVisible", "maybe",
                "patchColor", "#00ff00"));
        assertEquals(OverlaySettings.DEFAULT_MASK_COLOR, s.maskColorProperty().get());
        assertEquals(OverlaySettings.DEFAULT_MASK_OPACITY, s.maskOpacityProperty().get(), 1e-12);
        assertEquals(true, s.maskVisibleProperty().get());
        assertEquals(Color.web("#00ff00"), s.patchColorProperty().get());
        s.apply(Map.of("maskOpacity", "7"));
        assertEquals(1.0, s.maskOpacityProperty().get(), 1e-12, "clamped to [0,1]");
    }
}
