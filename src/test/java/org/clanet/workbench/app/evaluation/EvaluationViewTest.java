package org.clanet.workbench.app.evaluation;

import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.ViewsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The evaluation view with 32 classes: matrix drawn and shaded, normalisation, zoom, ROC, metrics, exports. */
@ExtendWith(ApplicationExtension.class)
class EvaluationViewTest {

    @TempDir
    Path tmp;

    private final EvaluationViewModel vm = new EvaluationViewModel();
    private EvaluationView view;
    private final EvaluationResult result = ViewsFixtures.evaluation(32, 7);

    @Start
    void start(Stage stage) {
        view = new EvaluationView(vm);
        stage.setScene(new Scene(view, 1100, 780));
        stage.show();
        vm.resultProperty().set(result);
    }

    @Test
    void confusionMatrixDrawsThirtyTwoClasses() throws Exception {
        ConfusionMatrixView.Geometry g = onFx(() -> view.matrix().geometry());
        assertEquals(32, g.n());
        assertTrue(g.width() >= 32 * ConfusionMatrixView.CELL + g.left(), "whole matrix on the canvas");
        assertTrue(g.top() > 40, "room for the rotated column names: " + g.top());
        WritableImage snap = onFx(() -> view.matrix().canvas().snapshot(null, null));
        // diagonal cells (most predictions) are dark; an empty off-diagonal cell is white
        int emptyI = -1;
        int emptyJ = -1;
        for (int i = 0; i < 32 && emptyI < 0; i++) {
            for (int j = 0; j < 32; j++) {
                if (result.confusion()[i][j] == 0) {
                    emptyI = i;
                    emptyJ = j;
                    break;
                }
            }
        }
        int diag = snap.getPixelReader().getArgb((int) (g.left() + 5 * g.cell() + 3),
                (int) (g.top() + 5 * g.cell() + 3));
        int empty = snap.getPixelReader().getArgb((int) (g.left() + emptyJ * g.cell() + 3),
                (int) (g.top() + emptyI * g.cell() + 3));
        double t = onFx(() -> vm.cell(5, 5) / vm.maxCell());
        javafx.scene.paint.Color expected = javafx.scene.paint.Color.WHITE.interpolate(
                javafx.scene.paint.Color.web("#08306b"), t);
        assertTrue(t > 0.3, "a diagonal cell holds many predictions: " + t);
        assertEquals(Math.round(expected.getRed() * 255), diag >> 16 & 0xff, 2, "shade " + Integer.toHexString(diag));
        assertEquals(Math.round(expected.getBlue() * 255), diag & 0xff, 2);
        assertEquals(0xffffff, empty & 0xffffff);
        // column names were drawn above the matrix: dark pixels in the label band
        int dark = 0;
        for (int y = 0; y < (int) g.top() - 2; y++) {
            for (int x = (int) g.left(); x < (int) (g.left() + 32 * g.cell()); x++) {
                if ((snap.getPixelReader().getArgb(x, y) & 0xff) < 120) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 500, "label pixels: " + dark);
    }

    @Test
    void normalisedZoomAndTables(FxRobot robot) throws Exception {
        double count = onFx(() -> vm.cell(0, 0));
        robot.clickOn("#evalNormalised");
        double frac = onFx(() -> vm.cell(0, 0));
        assertEquals(count / result.rowSum(0), frac, 1e-12);
        double rowSum = onFx(() -> {
            double sum = 0;
            for (int j = 0; j < 32; j++) {
                sum += vm.cell(3, j);
            }
            return sum;
        });
        assertEquals(1, rowSum, 1e-9);
        double before = onFx(() -> view.matrix().geometry().cell());
        onFx(() -> vm.zoomBy(1.5));
        assertEquals(before * 1.5, onFx(() -> view.matrix().geometry().cell()), 1e-9);
        assertEquals(2, robot.lookup("#metricsTable").queryAs(TableView.class).getItems().size());
        assertEquals(33, onFx(() -> view.rocChart().getData().size()), "32 curves and chance");
        assertTrue(vm.describe(0, 1).startsWith("true A172 → predicted BT474: "));
    }

    @Test
    void exportsCsvAndPng() throws Exception {
        vm.exportCsv(tmp.resolve("eval.csv")); // plain file writing, any thread
        var confusion = Files.readAllLines(tmp.resolve("eval_confusion.csv"));
        assertEquals(33, confusion.size());
        assertTrue(confusion.get(0).startsWith("true\\predicted,A172,BT474,"));
        assertEquals("level,top1,top3,top5,macro_f1,auc", Files.readAllLines(tmp.resolve("eval_metrics.csv")).get(0));
        assertEquals("sequence,0.781000,0.912000,0.955000,0.772000,0.957000",
                Files.readAllLines(tmp.resolve("eval_metrics.csv")).get(1));
        assertTrue(Files.readAllLines(tmp.resolve("eval_roc.csv")).size() > 32 * 100);
        Path png = tmp.resolve("matrix.png");
        onFx(() -> {
            try {
                view.exportPng(png);
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        });
        var img = ImageIO.read(png.toFile());
        double w = onFx(() -> view.matrix().canvas().getWidth());
        assertEquals((int) Math.ceil(w), img.getWidth(), 1, "the whole matrix, not only what is scrolled into view");
    }
}
