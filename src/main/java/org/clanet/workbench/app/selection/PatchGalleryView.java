package org.clanet.workbench.app.selection;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.clanet.workbench.app.util.CropCell;
import org.clanet.workbench.app.selection.GalleryViewModel.Item;
import org.controlsfx.control.GridView;

/**
 * The "Patches" panel, a thin view of {@link GalleryViewModel}: a virtualised grid of the sequence's 112×112
 * patch crops labelled with time, rank and confluency, a sort choice and a status line. Clicking a patch opens its
 * frame with the box highlighted.
 */
public final class PatchGalleryView extends BorderPane {

    private static final javafx.css.PseudoClass CHOSEN = CropCell.CHOSEN;
    public static final int CROP_SIZE = 112;

    private final GridView<Item> grid = new GridView<>();
    private final ComboBox<GalleryViewModel.Sort> sort = new ComboBox<>();
    private final Label status = new Label();
    private GalleryViewModel vm;

    public PatchGalleryView() {
        getStyleClass().add("patch-gallery");
        grid.setCellWidth(CROP_SIZE + 8);
        grid.setCellHeight(CROP_SIZE + 26);
        grid.setHorizontalCellSpacing(3);
        grid.setVerticalCellSpacing(3);
        grid.setId("patchGrid");
        sort.setId("gallerySort");
        status.setId("galleryStatus");
        status.getStyleClass().add("selection-hint");
        status.setWrapText(true);
    }

    public void bind(GalleryViewModel model) {
        this.vm = model;
        grid.setItems(vm.items());
        grid.setCellFactory(g -> new PatchCell());
        sort.getItems().setAll(GalleryViewModel.Sort.values());
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        sort.setTooltip(new Tooltip("Order of the patches"));
        status.textProperty().bind(vm.statusProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.loadingProperty());
        Label sortLabel = new Label("Sort");
        sortLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, sortLabel, sort, busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(sort, Priority.ALWAYS);
        sort.setMaxWidth(Double.MAX_VALUE);
        VBox top = new VBox(4, bar, status);
        top.setPadding(new Insets(6, 8, 4, 8));
        setTop(top);
        setCenter(grid);
        vm.selectedProperty().addListener((o, a, s) -> grid.lookupAll(".patch-cell").forEach(n -> {
            if (n instanceof PatchCell c) {
                c.pseudoClassStateChanged(CHOSEN, c.getItem() != null && c.getItem().equals(s));
            }
        }));
    }


    public GridView<Item> grid() {
        return grid;
    }

    private final class PatchCell extends CropCell<Item> {
        PatchCell() {
            super(CROP_SIZE, vm::open);
        }

        /** Rank and confluency first: in a 120 px cell the time is what gives way ("…"); the tooltip has all. */
        @Override
        protected String text(Item item) {
            return "#" + (item.patch().rank() + 1) + String.format(java.util.Locale.ROOT, " · %.2f · ",
                    item.patch().confluency()) + item.frame().time().label();
        }

        @Override
        protected String tooltip(Item item) {
            return item.frame().fileName() + "\n" + item.label() + "\nbox " + item.patch().x() + ", "
                    + item.patch().y() + " (" + item.source().label() + ")\nClick to open the frame";
        }

        @Override
        protected boolean chosen(Item item) {
            return item.equals(vm.selectedProperty().get());
        }

        @Override
        protected CropCell.Pixels cached(Item item) {
            GalleryViewModel.Crop c = vm.cachedCrop(item);
            return c == null ? null : new CropCell.Pixels(c.width(), c.height(), c.argb());
        }

        @Override
        protected void load(Item item, java.util.function.Consumer<CropCell.Pixels> done) {
            vm.crop(item, c -> done.accept(new CropCell.Pixels(c.width(), c.height(), c.argb())));
        }
    }
}
