package org.clanet.workbench.app.prediction;

import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.clanet.workbench.app.ViewsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The result card: empty state with working buttons, bars for the probabilities, the unknown verdict, provenance. */
@ExtendWith(ApplicationExtension.class)
class ResultCardViewTest {

    private final ResultCardViewModel vm = new ResultCardViewModel();
    private final AtomicInteger trains = new AtomicInteger();
    private final AtomicInteger imports = new AtomicInteger();

    @Start
    void start(Stage stage) {
        vm.setOnTrain(trains::incrementAndGet);
        vm.setOnImport(imports::incrementAndGet);
        stage.setScene(new Scene(new ResultCardView(vm), 420, 520));
        stage.show();
    }

    @Test
    void noModelSaysWhatToDoAndTheButtonsWork(FxRobot robot) throws Exception {
        assertEquals(ResultCardViewModel.State.NO_MODEL, onFx(vm::getState));
        assertTrue(robot.lookup(".card-title").queryAs(Label.class).getText().contains("No model yet"));
        robot.clickOn("#cardTrain");
        robot.clickOn("#cardImport");
        assertEquals(1, trains.get());
        assertEquals(1, imports.get());
        onFx(() -> vm.modelAvailableProperty().set(true));
        assertEquals(ResultCardViewModel.State.NO_PREDICTION, onFx(vm::getState));
        assertTrue(robot.lookup("#cardPredict").tryQuery().isPresent());
    }

    @Test
    void cardShowsABarPerLineWithItsProbability(FxRobot robot) throws Exception {
        onFx(() -> vm.cardProperty().set(ViewsFixtures.card(false)));
        List<ProgressBar> bars = List.copyOf(robot.lookup(".probability-bar").queryAllAs(ProgressBar.class));
        assertEquals(5, bars.size());
        assertEquals(0.87, bars.get(0).getProgress(), 1e-9);
        assertEquals(0.07, bars.get(1).getProgress(), 1e-9);
        assertTrue(bars.get(0).getWidth() > 100, "bars take the card's width: " + bars.get(0).getWidth());
        assertTrue(bars.get(0).getStyleClass().contains("best"));
        assertEquals("A549 · 87 %", robot.lookup("#cardVerdict").queryAs(Label.class).getText());
        assertEquals(2, robot.lookup(".card-warning").queryAll().size());
        TitledPane prov = robot.lookup("#cardProvenance").queryAs(TitledPane.class);
        assertFalse(prov.isExpanded(), "provenance one click away, not in the way");
        robot.clickOn(prov.lookup(".title"));
        assertTrue(onFx(() -> vm.provenanceExpandedProperty().get()));
        assertTrue(robot.lookup(".card-key").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("Encoder")));
    }

    @Test
    void unknownLineVerdict(FxRobot robot) throws Exception {
        onFx(() -> vm.cardProperty().set(ViewsFixtures.card(true)));
        Label verdict = robot.lookup("#cardVerdict").queryAs(Label.class);
        assertEquals("Unknown line (closest: A549 · 31 %)", verdict.getText());
        assertTrue(verdict.getStyleClass().contains("unknown"));
        assertFalse(robot.lookup(".probability-bar").queryAllAs(ProgressBar.class).iterator().next().getStyleClass()
                .contains("best"));
        assertEquals("< 0.1 %", ResultCardViewModel.percent(0.0004));
        assertEquals("4.2 %", ResultCardViewModel.percent(0.042));
    }
}
