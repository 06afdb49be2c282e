package org.clanet.workbench.app.util;

import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

/**
 * A gallery cell: a patch crop over a one-line label, a tooltip, the "chosen" state, click to open. The crop comes
 * from a cache when it is there, else it is decoded in the background and set when it arrives (if the cell still
 * shows the same item). The patch gallery and the top-attention gallery differ only in their texts and frame colour.
 */
public abstract class CropCell<T> extends GridCell<T> {

    public static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");

    /** An ARGB crop. */
    public record Pixels(int width, int height, int[] argb) {
    }

    protected final ImageView view = new ImageView();
    protected final Label label = new Label();
    protected final VBox box = new VBox(2, view, label);

    protected CropCell(int size, Consumer<T> open) {
        getStyleClass().add("patch-cell");
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        label.getStyleClass().add("patch-label");
        box.setAlignment(Pos.TOP_CENTER);
        setOnMouseClicked(e -> {
            if (getItem() != null) {
                open.accept(getItem());
            }
        });
    }

    /** The label text under the crop. */
    protected abstract String text(T item);

    /** The tooltip text. */
    protected abstract String tooltip(T item);

    /** Whether the item is the chosen one. */
    protected abstract boolean chosen(T item);

    /** The cached crop, or null. */
    protected abstract Pixels cached(T item);

    /** Decodes the crop off the FX thread and hands it back on the FX thread. */
    protected abstract void load(T item, Consumer<Pixels> done);

    /** Extra look of a filled cell (e.g. a frame colour); nothing by default. */
    protected void decorate(T item) {
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            view.setImage(null);
            pseudoClassStateChanged(CHOSEN, false);
            return;
        }
        label.setText(text(item));
        setTooltip(new Tooltip(tooltip(item)));
        decorate(item);
        pseudoClassStateChanged(CHOSEN, chosen(item));
        Pixels c = cached(item);
        view.setImage(c == null ? null : toImage(c));
        if (c == null) {
            load(item, got -> {
                if (item.equals(getItem())) {
                    view.setImage(toImage(got));
                }
            });
        }
        setGraphic(box);
    }

    public static Image toImage(Pixels c) {
        WritableImage img = new WritableImage(c.width(), c.height());
        img.getPixelWriter().setPixels(0, 0, c.width(), c.height(), PixelFormat.getIntArgbInstance(), c.argb(), 0,
                c.width());
        return img;
    }
}
