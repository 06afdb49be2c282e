package org.clanet.workbench.app.viewer;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;

/** The name and visibility every overlay has, once; subclasses only draw. */
public abstract class NamedOverlayLayer implements OverlayLayer {

    private final String name;
    private final BooleanProperty visible;

    /**
     * @param visible the property the Overlays menu toggles (often a persisted setting)
     */
    protected NamedOverlayLayer(String name, BooleanProperty visible) {
        this.name = Objects.requireNonNull(name, "name");
        this.visible = Objects.requireNonNull(visible, "visible");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final BooleanProperty visibleProperty() {
        return visible;
    }
}
