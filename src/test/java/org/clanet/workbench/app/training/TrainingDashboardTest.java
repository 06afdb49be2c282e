package org.clanet.workbench.app.training;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The dashboard: 100k points from a background thread are all kept but the charts hold a decimated few thousand;
 * the estimate follows the form; start, cancel and resume call back and enable the right buttons.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingDashboardTest {

    private TrainingDashboardViewModel vm;
    private TrainingDashboardView view;
    private final List<String> calls = new ArrayList<>();

    @Start
    void start(Stage stage) {
        vm = new TrainingDashboardViewModel(Platform::runLater);
        vm.presets().setAll("LIVECell 704×520", "Incucyte 1408×1040");
        vm.presetProperty().set("LIVECell 704×520");
        vm.splits().setAll("batch-separated · split 1", "batch-stratified");
        vm.splitProperty().set("batch-separated · split 1");
        vm.devices().setAll("CPU", "GPU 0");
        vm.deviceLabelProperty().set("PyTorch 2.7.1 · CPU");
        vm.setOnStart(p -> calls.add("start " + p.epochs()));
        vm.setOnCancel(() -> calls.add("cancel"));
        vm.setOnResume(p -> calls.add("resume"));
        view = new TrainingDashboardView(vm);
        stage.setScene(new Scene(view, 1100, 750));
        stage.show();
    }

    @Test
    void hundredThousandPointsAreKeptButChartsStaySmall() throws Exception {
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 100_000; i++) {
                double epoch = i / 50.0;
                vm.addPoint("train loss", epoch, 2.0 * Math.exp(-epoch / 400) + 0.05 * Math.sin(i));
                if (i % 10 == 0) {
                    vm.addPoint("test accuracy", epoch, 1 - Math.exp(-epoch / 300));
                }
            }
        });
        producer.start();
        producer.join();
        await(20, () -> vm.pointCount("train loss") == 100_000);
        assertEquals(10_000, onFx(() -> vm.pointCount("test accuracy")));
        long t0 = System.nanoTime();
        onFx(view::refreshCharts);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int shown = onFx(view::chartPoints);
        assertTrue(shown <= 4000, "chart data points: " + shown);
        assertTrue(shown >= 500, "chart data points: " + shown);
        assertEquals(1, onFx(() -> view.chart(TrainingDashboardViewModel.Chart.LOSS).getData().size()));
        assertEquals(1, onFx(() -> view.chart(TrainingDashboardViewModel.Chart.ACCURACY).getData().size()));
        String csv = onFx(vm::csv);
        assertEquals(110_001, csv.split("\n").length, "export has every point");
        System.out.printf("dashboard: 110,000 points -> %d chart points, refresh %d ms%n", shown, ms);
    }

    @Test
    void estimateFollowsTheForm(FxRobot robot) throws Exception {
        assertEquals("Estimated time: —", onFx(() -> vm.estimateProperty().get()));
        onFx(() -> vm.estimatorProperty().set(p -> Duration.ofSeconds(4L * p.epochs())));
        assertEquals("Estimated time: about 2 h 13 min on CPU", onFx(() -> vm.estimateProperty().get()));
        onFx(() -> vm.epochsProperty().set(10));
        assertEquals("Estimated time: about 40 s on CPU", onFx(() -> vm.estimateProperty().get()));
        assertEquals(10, onFx(() -> robot.lookup("#dashEpochs").queryAs(Spinner.class).getValue()),
                "the field shows the epochs the view model sets (a kind's or preset's default)");
        assertEquals("3 d 0 h", TrainingDashboardViewModel.format(Duration.ofHours(72)));
        assertEquals(TrainingDashboardViewModel.Chart.LEARNING_RATE, TrainingDashboardViewModel.Chart.of("lr"));
        assertEquals(TrainingDashboardViewModel.Chart.ACCURACY, TrainingDashboardViewModel.Chart.of("train acc"));
    }

    @Test
    void startCancelResume(FxRobot robot) throws Exception {
        robot.clickOn("#dashStart");
        assertTrue(onFx(() -> vm.runningProperty().get()));
        assertTrue(robot.lookup("#dashStart").queryAs(Button.class).isDisabled());
        robot.clickOn("#dashCancel");
        onFx(() -> vm.ended("Cancelled at epoch 12", true));
        assertTrue(!robot.lookup("#dashResume").queryAs(Button.class).isDisabled());
        robot.clickOn("#dashResume");
        assertEquals(List.of("start 2000", "cancel", "resume"), calls);
        assertEquals("PyTorch 2.7.1 · CPU", robot.lookup("#dashDeviceLabel").queryAs(Label.class).getText());
    }
}
