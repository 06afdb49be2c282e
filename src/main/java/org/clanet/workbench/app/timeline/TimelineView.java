package org.clanet.workbench.app.timeline;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.clanet.workbench.dataset.Frame;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The timeline's view: a virtualised strip of thumbnails with time labels (only visible cells ask the
 * {@link ThumbnailCache}), a scrubber, play/pause, speed, and step buttons, all bound to
 * {@link TimelineViewModel}.
 */
public final class TimelineView extends VBox {

    private final ListView<Frame> strip = new ListView<>();
    private final Slider scrubber = new Slider(0, 0, 0);
    private final Button play = iconButton("mdi2p-play", "Play / pause (Space)");
    private final ChoiceBox<Double> speed = new ChoiceBox<>();
    private final Label position = new Label("No frame");
    private final Timeline player = new Timeline();
    private TimelineViewModel vm;
    private ThumbnailCache cache;
    private boolean syncing;

    public TimelineView() {
        getStyleClass().add("timeline");
        strip.setOrientation(Orientation.HORIZONTAL);
        strip.getStyleClass().add("thumbnail-strip");
        strip.setFixedCellSize(112);
        strip.setFocusTraversable(false);
        VBox.setVgrow(strip, Priority.ALWAYS);
        strip.setMinHeight(122); // tile 76 + time label + cell padding + the scroll bar: labels are never cut
        scrubber.getStyleClass().add("scrubber");
        scrubber.setBlockIncrement(1);
        scrubber.setMajorTickUnit(1);
        scrubber.setSnapToTicks(true);
        scrubber.setFocusTraversable(false);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        position.getStyleClass().add("timeline-position");
        position.setMinWidth(170);
        speed.setTooltip(new Tooltip("Playback speed"));
        speed.setFocusTraversable(false);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : (d == Math.rint(d) ? String.valueOf(d.intValue()) : d.toString()) + " fps";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace(" fps", ""));
            }
        });
        for (double s : TimelineViewModel.SPEEDS) {
            speed.getItems().add(s);
        }
        player.setCycleCount(Animation.INDEFINITE);
    }

    public void bind(TimelineViewModel model, ThumbnailCache thumbnails) {
        this.vm = model;
        this.cache = thumbnails;
        Button first = iconButton("mdi2s-skip-previous", "First frame (Home)");
        Button prev = iconButton("mdi2c-chevron-left", "Previous frame (Left)");
        Button next = iconButton("mdi2c-chevron-right", "Next frame (Right)");
        Button last = iconButton("mdi2s-skip-next", "Last frame (End)");
        ToggleButton loop = new ToggleButton(null, new FontIcon("mdi2r-repeat"));
        loop.setTooltip(new Tooltip("Loop playback"));
        loop.setFocusTraversable(false);
        loop.selectedProperty().bindBidirectional(vm.loopProperty());
        first.setOnAction(e -> vm.first());
        prev.setOnAction(e -> vm.step(-1));
        next.setOnAction(e -> vm.step(1));
        last.setOnAction(e -> vm.last());
        play.setOnAction(e -> vm.togglePlay());
        play.setId("playButton");
        speed.setValue(vm.fpsProperty().get());
        speed.valueProperty().addListener((o, a, v) -> vm.fpsProperty().set(v));
        vm.fpsProperty().addListener((o, a, v) -> {
            speed.setValue(v.doubleValue());
            restartPlayer();
        });
        position.textProperty().bind(vm.positionText());
        HBox controls = new HBox(4, first, prev, play, next, last, loop, scrubber, speed, position);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("timeline-controls");
        getChildren().setAll(strip, controls);

        strip.setItems(vm.frames());
        strip.setCellFactory(l -> new ThumbnailCell());
        vm.frames().addListener((ListChangeListener<Frame>) c -> {
            scrubber.setMax(Math.max(0, vm.frames().size() - 1));
            scrubber.setDisable(vm.frames().size() < 2);
        });
        scrubber.setDisable(true);
        scrubber.valueProperty().addListener((o, a, v) -> {
            if (!syncing) {
                vm.indexProperty().set((int) Math.round(v.doubleValue()));
            }
        });
        strip.getSelectionModel().selectedIndexProperty().addListener((o, a, v) -> {
            if (!syncing && v.intValue() >= 0) {
                vm.indexProperty().set(v.intValue());
            }
        });
        vm.indexProperty().addListener((o, a, v) -> showIndex(v.intValue()));
        vm.playingProperty().addListener((o, a, p) -> {
            ((FontIcon) play.getGraphic()).setIconLiteral(p ? "mdi2p-pause" : "mdi2p-play");
            restartPlayer();
        });
    }

    private void showIndex(int i) {
        syncing = true;
        try {
            scrubber.setValue(Math.max(0, i));
            if (i < 0) {
                strip.getSelectionModel().clearSelection();
                return;
            }
            strip.getSelectionModel().select(i);
            VirtualFlow<?> flow = (VirtualFlow<?>) strip.lookup(".virtual-flow");
            if (flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null) {
                int firstVisible = flow.getFirstVisibleCell().getIndex();
                int lastVisible = flow.getLastVisibleCell().getIndex();
                if (i <= firstVisible || i >= lastVisible) {
                    strip.scrollTo(Math.max(0, i - (lastVisible - firstVisible) / 2));
                }
            } else {
                strip.scrollTo(i);
            }
        } finally {
            syncing = false;
        }
    }

    private void restartPlayer() {
        player.stop();
        if (vm.playingProperty().get()) {
            player.getKeyFrames().setAll(new KeyFrame(Duration.millis(1000 / Math.max(0.1, vm.fpsProperty().get())),
                    e -> vm.tick()));
            player.play();
        }
    }

    static Button iconButton(String icon, String tooltip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tooltip));
        b.setFocusTraversable(false);
        return b;
    }

    public ListView<Frame> strip() {
        return strip;
    }

    public Slider scrubber() {
        return scrubber;
    }

    /** A thumbnail with its time label; asks the cache only while visible. */
    private final class ThumbnailCell extends ListCell<Frame> {
        private final ImageView view = new ImageView();
        private final Label error = new Label();
        private final Label time = new Label();
        private final StackPane tile = new StackPane(view, error);
        private final VBox box = new VBox(2, tile, time);

        ThumbnailCell() {
            getStyleClass().add("thumbnail-cell");
            view.setPreserveRatio(true);
            view.setFitWidth(100);
            view.setFitHeight(76);
            tile.setPrefSize(100, 76);
            tile.setMinSize(100, 76);
            tile.getStyleClass().add("thumbnail-tile");
            error.getStyleClass().add("thumbnail-error");
            error.setGraphic(new FontIcon("mdi2f-file-alert-outline"));
            error.setWrapText(true);
            error.setMaxWidth(96);
            time.getStyleClass().add("thumbnail-time");
            box.setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(Frame f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            time.setText(f.time().label());
            view.setImage(null);
            error.setVisible(false);
            setGraphic(box);
            setTooltip(new Tooltip(f.fileName() + "\n" + f.time().label()));
            cache.request(f.path(), t -> {
                if (getItem() == f) {
                    apply(t);
                }
            });
        }

        private void apply(Thumbnail t) {
            if (t.isError()) {
                view.setImage(null);
                error.setText("Unreadable");
                error.setTooltip(new Tooltip(t.error()));
                error.setVisible(true);
                getStyleClass().add("error");
                return;
            }
            getStyleClass().remove("error");
            WritableImage img = new WritableImage(t.width(), t.height());
            img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(),
                    t.argb(), 0, t.width());
            view.setImage(img);
            error.setVisible(false);
        }
    }
}
