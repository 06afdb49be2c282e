package org.clanet.workbench.app.attention;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.clanet.workbench.app.attention.TopAttentionViewModel.Item;
import org.clanet.workbench.app.attention.TopAttentionViewModel.Crop;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/**
 * The top-attention patches of a sequence in the patch gallery's style (virtualised grid of 112×112 crops, the
 * same {@code patch-cell} / {@code patch-label} style classes), each framed in its attention's colour and labelled
 * "place · time · #rank · attention". Clicking one opens its frame.
 */
public final class TopAttentionGalleryView extends BorderPane {

    private static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");
    public static final int CROP_SIZE = 112;

    private final GridView<Item> grid = new GridView<>();
    private final TopAttentionViewModel vm;

    public TopAttentionGalleryView(TopAttentionViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("patch-gallery", "top-attention-gallery");
        grid.setCellWidth(CROP_SIZE + 8);
        grid.setCellHeight(CROP_SIZE + 26);
        grid.setHorizontalCellSpacing(3);
        grid.setVerticalCellSpacing(3);
        grid.setId("topAttentionGrid");
        grid.setItems(vm.items());
        grid.setCellFactory(g -> new Cell());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("selection-hint");
        status.setWrapText(true);
        status.setPadding(new Insets(6, 8, 4, 8));
        setTop(status);
        setCenter(grid);
        vm.selectedProperty().addListener((o, a, s) -> grid.lookupAll(".patch-cell").forEach(n -> {
            if (n instanceof Cell c) {
                c.pseudoClassStateChanged(CHOSEN, c.getItem() != null && c.getItem().equals(s));
            }
        }));
    }

    static Image toImage(Crop c) {
        WritableImage img = new WritableImage(c.width(), c.height());
        img.getPixelWriter().setPixels(0, 0, c.width(), c.height(), PixelFormat.getIntArgbInstance(), c.argb(), 0,
                c.width());
        return img;
    }

    public GridView<Item> grid() {
        return grid;
    }

    private final class Cell extends GridCell<Item> {
        private final ImageView view = new ImageView();
        private final Label label = new Label();
        private final VBox box = new VBox(2, view, label);

        Cell() {
            getStyleClass().add("patch-cell");
            view.setFitWidth(CROP_SIZE);
            view.setFitHeight(CROP_SIZE);
            view.setPreserveRatio(true);
            label.getStyleClass().add("patch-label");
            box.setAlignment(Pos.TOP_CENTER);
            setOnMouseClicked(e -> vm.open(getItem()));
        }

        @Override
        protected void updateItem(Item item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                view.setImage(null);
                pseudoClassStateChanged(CHOSEN, false);
                return;
            }
            label.setText(item.label());
            setTooltip(new Tooltip(item.frame().frame().fileName() + "\n" + HeatmapLayer.hoverText(item.patch())
                    + "\nClick to open the frame"));
            // the frame's colour is the patch's place in the gallery: the most attended brightest
            int n = vm.items().size();
            int c = ColorMap.VIRIDIS.rgb(n <= 1 ? 1 : 1 - (item.place() - 1.0) / (n - 1));
            box.setStyle(String.format("-fx-border-color: #%06x; -fx-border-width: 0 0 3 0;", c));
            pseudoClassStateChanged(CHOSEN, item.equals(vm.selectedProperty().get()));
            Crop crop = vm.cachedCrop(item);
            view.setImage(crop == null ? null : toImage(crop));
            if (crop == null) {
                vm.crop(item, got -> {
                    if (item.equals(getItem())) {
                        view.setImage(toImage(got));
                    }
                });
            }
            setGraphic(box);
        }
    }
}
