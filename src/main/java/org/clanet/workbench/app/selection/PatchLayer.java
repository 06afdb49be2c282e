package org.clanet.workbench.app.selection;

import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.clanet.workbench.app.viewer.NamedOverlayLayer;
import org.clanet.workbench.app.viewer.OverlayLayer;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.selection.Patch;

/**
 * The selected patches of the frame shown: a box each, labelled with rank (1 = most confluent) and confluency
 * when {@link OverlaySettings#labelsVisibleProperty()} is on; the patch picked in the gallery is drawn thicker in
 * {@link OverlaySettings#HIGHLIGHT_COLOR}. Lines are drawn in screen pixels so they stay crisp at any zoom.
 */
public final class PatchLayer extends NamedOverlayLayer {

    private static final Font LABEL_FONT = Font.font("System", FontWeight.BOLD, 11);

    private final OverlaySettings settings;
    private final Supplier<FrameSelection> current;
    private final Supplier<SelectionViewModel.Highlight> highlight;

    PatchLayer(OverlaySettings settings, Supplier<FrameSelection> current,
               Supplier<SelectionViewModel.Highlight> highlight) {
        super("Patch boxes (rank · confluency)", settings.patchesVisibleProperty());
        this.settings = settings;
        this.current = current;
        this.highlight = highlight;
    }



    /** "#1 · 0.93". */
    public static String label(Patch p) {
        return String.format(Locale.ROOT, "#%d · %.2f", p.rank() + 1, p.confluency());
    }

    @Override
    public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
        FrameSelection r = current.get();
        if (r == null || frame == null || !r.frame().equals(frame) || r.patches().isEmpty()) {
            return;
        }
        SelectionViewModel.Highlight hl = highlight.get();
        int hlRank = hl != null && hl.frame().equals(frame) ? hl.rank() : -1;
        Color c = settings.patchColorProperty().get();
        boolean labels = settings.labelsVisibleProperty().get();
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        Patch hlPatch = null;
        // lowest rank drawn last, so the best patches stay on top where boxes overlap
        for (int i = r.patches().size() - 1; i >= 0; i--) {
            Patch p = r.patches().get(i);
            if (p.rank() == hlRank) {
                hlPatch = p;
                continue;
            }
            box(g, view, r, p, c, 1.5, labels);
        }
        if (hlPatch != null) {
            box(g, view, r, hlPatch, OverlaySettings.HIGHLIGHT_COLOR, 3.5, true);
        }
    }

    private static void box(GraphicsContext g, ViewTransform view, FrameSelection r, Patch p, Color c, double width,
                            boolean label) {
        double x0 = view.toViewX(p.x() * r.scaleX());
        double y0 = view.toViewY(p.y() * r.scaleY());
        double x1 = view.toViewX((p.x() + p.w()) * r.scaleX());
        double y1 = view.toViewY((p.y() + p.h()) * r.scaleY());
        g.setLineWidth(width);
        g.setStroke(Color.color(0, 0, 0, 0.55));
        g.strokeRect(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2);
        g.setStroke(c);
        g.strokeRect(x0, y0, x1 - x0, y1 - y0);
        if (label && x1 - x0 >= 28) {
            String text = x1 - x0 >= 64 ? label(p) : "#" + (p.rank() + 1);
            double tw = text.length() * 6.6 + 6;
            g.setFill(Color.color(0, 0, 0, 0.62));
            g.fillRect(x0 + 1, y0 + 1, Math.min(tw, x1 - x0 - 2), 15);
            g.setFill(c);
            g.fillText(text, x0 + 4, y0 + 2, x1 - x0 - 6);
        }
    }
}
