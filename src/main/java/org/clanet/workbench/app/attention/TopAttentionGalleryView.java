package org.clanet.workbench.app.attention;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.clanet.workbench.app.util.CropCell;
import org.clanet.workbench.app.attention.TopAttentionViewModel.Item;
import org.clanet.workbench.app.attention.TopAttentionViewModel.Crop;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.controlsfx.control.GridView;

/**
 * The top-attention patches of a sequence in the patch gallery's style (virtualised grid of 112×112 crops, the
 * same {@code patch-cell} / {@code patch-label} style classes), each framed in its attention's colour and labelled
 * "place · time · #rank · attention". Clicking one opens its frame.
 */
public final class TopAttentionGalleryView extends BorderPane {

    private static final javafx.css.PseudoClass CHOSEN = CropCell.CHOSEN;
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


    public GridView<Item> grid() {
        return grid;
    }

    private final class Cell extends CropCell<Item> {
        Cell() {
            super(CROP_SIZE, vm::open);
        }

        @Override
        protected String text(Item item) {
            return item.label();
        }

        @Override
        protected String tooltip(Item item) {
            return item.frame().frame().fileName() + "\n" + HeatmapLayer.hoverText(item.patch())
                    + "\nClick to open the frame";
        }

        @Override
        protected boolean chosen(Item item) {
            return item.equals(vm.selectedProperty().get());
        }

        /** The frame's colour is the patch's place in the gallery: the most attended brightest. */
        @Override
        protected void decorate(Item item) {
            int n = vm.items().size();
            int c = ColorMap.VIRIDIS.rgb(n <= 1 ? 1 : 1 - (item.place() - 1.0) / (n - 1));
            box.setStyle(String.format("-fx-border-color: #%06x; -fx-border-width: 0 0 3 0;", c));
        }

        @Override
        protected CropCell.Pixels cached(Item item) {
            Crop c = vm.cachedCrop(item);
            return c == null ? null : new CropCell.Pixels(c.width(), c.height(), c.argb());
        }

        @Override
        protected void load(Item item, java.util.function.Consumer<CropCell.Pixels> done) {
            vm.crop(item, c -> done.accept(new CropCell.Pixels(c.width(), c.height(), c.argb())));
        }
    }
}
