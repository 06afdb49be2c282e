package org.clanet.workbench.app.tasks;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every task of the {@link TaskRunner}: title, progress, message with ETA, a cancel button while it runs,
 * and for a failed task the reason in red. Finished tasks stay until "Clear finished".
 */
public final class TaskListView extends VBox {

    private final ListView<JobTask<?>> list = new ListView<>();

    public TaskListView() {
        getStyleClass().add("task-list");
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setPlaceholder(new Label("No tasks yet: long jobs (scans, masks, training) appear here."));
    }

    public void bind(TaskRunner runner) {
        list.setItems(runner.tasks());
        list.setCellFactory(l -> new TaskCell());
        Button clear = new Button("Clear finished", new FontIcon("mdi2b-broom"));
        clear.setOnAction(e -> runner.clearFinished());
        clear.setTooltip(new Tooltip("Remove finished, failed and cancelled tasks from the list"));
        Label running = new Label();
        running.textProperty().bind(Bindings.format("%d running", runner.runningCount()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, running, spacer, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("task-bar");
        getChildren().setAll(bar, list);
    }

    public ListView<JobTask<?>> list() {
        return list;
    }

    private static final class TaskCell extends ListCell<JobTask<?>> {
        private final Label title = new Label();
        private final Label message = new Label();
        private final ProgressBar progress = new ProgressBar();
        private final Button cancel = new Button(null, new FontIcon("mdi2c-close-circle-outline"));
        private final FontIcon state = new FontIcon();
        private final HBox top = new HBox(6, state, title);
        private final VBox box = new VBox(3, top, new HBox(6, progress, cancel), message);

        TaskCell() {
            title.getStyleClass().add("task-title");
            message.getStyleClass().add("task-message");
            message.setWrapText(true);
            progress.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(progress, Priority.ALWAYS);
            cancel.setTooltip(new Tooltip("Cancel this task"));
            cancel.getStyleClass().add("flat");
            top.setAlignment(Pos.CENTER_LEFT);
            box.setMaxWidth(Double.MAX_VALUE);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(JobTask<?> t, boolean empty) {
            super.updateItem(t, empty);
            title.textProperty().unbind();
            message.textProperty().unbind();
            progress.progressProperty().unbind();
            cancel.visibleProperty().unbind();
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            title.textProperty().bind(t.titleProperty());
            progress.progressProperty().bind(t.progressProperty());
            message.textProperty().bind(Bindings.createStringBinding(() -> switch (t.getState()) {
                case FAILED -> "Failed: " + t.getFailureReason();
                case CANCELLED -> "Cancelled";
                default -> t.getMessage();
            }, t.stateProperty(), t.messageProperty(), t.failureReasonProperty()));
            cancel.visibleProperty().bind(t.runningProperty().or(t.stateProperty().isEqualTo(
                    javafx.concurrent.Worker.State.SCHEDULED)));
            cancel.setOnAction(e -> t.cancel());
            message.getStyleClass().remove("task-failed");
            String icon = switch (t.getState()) {
                case SUCCEEDED -> "mdi2c-check-circle-outline";
                case FAILED -> "mdi2a-alert-circle-outline";
                case CANCELLED -> "mdi2c-cancel";
                default -> "mdi2t-timer-outline";
            };
            if (t.getState() == javafx.concurrent.Worker.State.FAILED) {
                message.getStyleClass().add("task-failed");
            }
            state.setIconLiteral(icon);
            setGraphic(box);
        }
    }
}
