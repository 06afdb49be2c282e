package org.clanet.workbench.app.training;

import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.clanet.workbench.app.ViewsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The snippet view: steps through snippets, draws the taken frames at their times, a click picks a row. */
@ExtendWith(ApplicationExtension.class)
class SnippetViewTest {

    private final SnippetViewModel vm = new SnippetViewModel();
    private SnippetView view;

    @Start
    void start(Stage stage) {
        view = new SnippetView(vm);
        stage.setScene(new Scene(view, 800, 400));
        stage.show();
        vm.snippetsProperty().set(ViewsFixtures.snippets(8, 11));
    }

    @Test
    void stepsThroughSnippets(FxRobot robot) throws Exception {
        assertEquals(0, onFx(() -> vm.indexProperty().get()));
        robot.clickOn("#snippetNext");
        robot.clickOn("#snippetNext");
        Snippet s = onFx(vm::current);
        assertEquals(3, s.epoch());
        String info = robot.lookup("#snippetInfo").queryAs(Label.class).getText();
        assertTrue(info.startsWith("Snippet 3 of 8 · epoch 3 · g = " + s.g() + " h · " + s.frames().size()
                + " of 22 frames · weight "), info);
        robot.clickOn("#snippetPrev");
        assertEquals(1, onFx(() -> vm.indexProperty().get()));
        Point2D row5 = onFx(() -> view.canvas().localToScreen(30, SnippetView.TOP + 5.5 * SnippetView.ROW));
        robot.clickOn(row5);
        assertEquals(5, onFx(() -> vm.indexProperty().get()));
    }

    @Test
    void currentSnippetsFramesAreDrawnAtTheirTimes() throws Exception {
        onFx(() -> vm.select(4));
        Snippet s = onFx(vm::current);
        WritableImage snap = onFx(() -> {
            view.draw();
            return view.canvas().snapshot(null, null);
        });
        double w = snap.getWidth();
        double y = SnippetView.TOP + 4 * SnippetView.ROW + SnippetView.ROW / 2;
        var hours = vm.snippetsProperty().get().frameHours();
        for (int f = 0; f < hours.length; f++) {
            int x = (int) Math.round(SnippetView.xOf(hours[f], hours[0], hours[hours.length - 1], w));
            int c = snap.getPixelReader().getArgb(x, (int) y) & 0xffffff;
            boolean dot = (c >> 16 & 0xff) < 200 || (c & 0xff) < 150; // a coloured dot, not the pale row
            assertEquals(s.frames().contains(f), dot, "frame " + f + " colour " + Integer.toHexString(c));
        }
    }
}
