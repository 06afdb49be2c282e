package org.clanet.workbench.app.attention;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.clanet.workbench.app.viewer.ViewerViewModel;

/**
 * The heatmap's hover tooltip on the viewer: on every pointer move over the viewer node, the patch under the pointer
 * ({@link HeatmapLayer#pointerAt}) is shown as "#3 · confluency 0.91 · attention 0.0123". Adds event handlers next to
 * the viewer's own (it does not replace them).
 */
public final class HeatmapHover {

    private HeatmapHover() {
    }

    /** Installs the tooltip on {@code viewerNode} (the {@code ImageViewer}); returns it. */
    public static Tooltip install(Node viewerNode, ViewerViewModel viewer, HeatmapLayer layer) {
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(150));
        tip.setHideDelay(Duration.ZERO);
        tip.textProperty().bind(layer.hoverTextProperty());
        viewerNode.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            ViewTransform t = viewer.getTransform();
            layer.pointerAt(viewer.shownFrameProperty().get(), t.toImageX(e.getX()), t.toImageY(e.getY()));
            if (layer.hoverTextProperty().get().isEmpty()) {
                Tooltip.uninstall(viewerNode, tip);
                tip.hide();
            } else {
                Tooltip.install(viewerNode, tip);
            }
        });
        viewerNode.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            layer.pointerAt(null, 0, 0);
            Tooltip.uninstall(viewerNode, tip);
        });
        return tip;
    }
}
