package org.clanet.workbench.app.prediction;

import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The result card, a thin view of {@link ResultCardViewModel}: the verdict (line and probability, or "Unknown
 * line"), a probability bar per top-k line, QC warnings, the provenance in a collapsed pane; or the empty state
 * "No model yet" with Train… and Import model….
 */
public final class ResultCardView extends VBox {

    private final ResultCardViewModel vm;

    public ResultCardView(ResultCardViewModel vm) {
        this.vm = vm;
        getStyleClass().add("result-card");
        setId("resultCard");
        setSpacing(8);
        setPadding(new Insets(12));
        setFillWidth(true);
        getStylesheets().add(org.clanet.workbench.app.charts.Views.stylesheet());
        vm.stateProperty().addListener(o -> rebuild());
        vm.cardProperty().addListener(o -> rebuild());
        rebuild();
    }

    private void rebuild() {
        switch (vm.getState()) {
            case NO_MODEL -> noModel();
            case NO_PREDICTION -> noPrediction();
            case RESULT -> result(vm.cardProperty().get());
        }
    }

    private void noModel() {
        Label title = styled(new Label("No model yet"), "card-title");
        title.setGraphic(icon("mdi2b-brain"));
        Label text = styled(new Label("Train a model on a labelled dataset, or import one (npz weights or "
                + "TorchScript), then predict a sequence, a batch or a new folder of images."), "card-text");
        text.setWrapText(true);
        Button train = new Button("Train…");
        train.setId("cardTrain");
        train.setDefaultButton(true);
        train.setOnAction(e -> vm.train());
        Button imp = new Button("Import model…");
        imp.setId("cardImport");
        imp.setOnAction(e -> vm.importModel());
        HBox buttons = new HBox(8, train, imp);
        getChildren().setAll(title, text, buttons);
        pseudo("empty");
    }

    private void noPrediction() {
        Label title = styled(new Label("No prediction yet"), "card-title");
        Label text = styled(new Label("Select a sequence or a batch and press Predict."), "card-text");
        text.setWrapText(true);
        Button predict = new Button("Predict");
        predict.setId("cardPredict");
        predict.setOnAction(e -> vm.predict());
        getChildren().setAll(title, text, predict);
        pseudo("empty");
    }

    private void result(PredictionCard c) {
        Label seq = styled(new Label(c.sequence()), "card-subtitle");
        Label verdict = styled(new Label(ResultCardViewModel.verdict(c)), "card-verdict");
        verdict.setId("cardVerdict");
        verdict.setWrapText(true);
        if (c.unknown()) {
            verdict.getStyleClass().add("unknown");
            verdict.setGraphic(icon("mdi2h-help-circle-outline"));
        }
        VBox bars = new VBox(4);
        bars.setId("cardBars");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(70);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setFillWidth(true);
        ColumnConstraints pct = new ColumnConstraints();
        pct.setHalignment(HPos.RIGHT);
        pct.setMinWidth(56);
        grid.getColumnConstraints().setAll(name, bar, pct);
        int row = 0;
        for (LineProbability lp : c.top()) {
            ProgressBar pb = new ProgressBar(lp.probability());
            pb.getStyleClass().add("probability-bar");
            if (row == 0 && !c.unknown()) {
                pb.getStyleClass().add("best");
            }
            pb.setMaxWidth(Double.MAX_VALUE);
            pb.setUserData(lp);
            grid.addRow(row++, styled(new Label(lp.line()), "card-line"), pb,
                    styled(new Label(ResultCardViewModel.percent(lp.probability())), "card-percent"));
        }
        bars.getChildren().add(grid);
        getChildren().setAll(seq, verdict, bars);
        for (String w : c.warnings()) {
            Label l = styled(new Label(w), "card-warning");
            l.setGraphic(icon("mdi2a-alert-outline"));
            l.setWrapText(true);
            getChildren().add(l);
        }
        GridPane prov = new GridPane();
        prov.setHgap(10);
        prov.setVgap(3);
        int r = 0;
        for (Map.Entry<String, String> e : c.provenance().entrySet()) {
            Label v = styled(new Label(e.getValue()), "card-text");
            v.setWrapText(true);
            prov.addRow(r++, styled(new Label(e.getKey()), "card-key"), v);
        }
        TitledPane provenance = new TitledPane("Provenance", prov);
        provenance.setId("cardProvenance");
        provenance.setExpanded(vm.provenanceExpandedProperty().get());
        provenance.expandedProperty().bindBidirectional(vm.provenanceExpandedProperty());
        provenance.setAnimated(false);
        getChildren().add(provenance);
        pseudo(null);
    }

    private void pseudo(String cls) {
        getStyleClass().remove("empty");
        if (cls != null) {
            getStyleClass().add(cls);
        }
        setAlignment(Pos.TOP_LEFT);
    }

    private static <T extends Label> T styled(T l, String cls) {
        l.getStyleClass().add(cls);
        return l;
    }

    private static FontIcon icon(String code) {
        FontIcon i = new FontIcon(code);
        i.setIconSize(18);
        return i;
    }
}
