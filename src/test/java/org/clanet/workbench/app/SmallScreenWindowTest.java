package org.clanet.workbench.app;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The window at 1280×720 (issue 9, window points): every tab title whole, several parameter rows, human labels. */
class SmallScreenWindowTest extends RealWindowTest {

    @Override
    protected double height() {
        return 720;
    }

    /** What a label really shows (its skin's text, "Patc…" when clipped). */
    private static String shown(Labeled l) {
        return l.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Text && !(n instanceof org.kordamp.ikonli.javafx.FontIcon)).map(n -> ((Text) n).getText())
                .findFirst().orElse("");
    }

    @Test
    void tabTitlesAreWholeAndTheParameterListShowsSeveralRows(FxRobot robot) throws Exception {
        onFx(() -> vm.open(TestDatasets.small(tmp.resolve("ds"))));
        await(10, () -> vm.navigator().getRoot() != null);
        await(5, () -> window.stage().getWidth() == 1280);

        List<Labeled> tabLabels = onFx(() -> robot.lookup(".tab-pane .tab .tab-label").queryAll().stream()
                .map(n -> (Labeled) n).toList());
        assertTrue(tabLabels.size() >= 5, "tab headers: " + tabLabels.size());
        for (Labeled l : tabLabels) {
            String text = onFx(l::getText);
            assertEquals(text, onFx(() -> shown(l)), "the tab title is shown whole");
        }

        Tab selection = onFx(() -> window.controller().sideTabs.getTabs().stream()
                .filter(t -> t.getText().equals("Selection")).findFirst().orElseThrow());
        onFx(() -> window.controller().sideTabs.getSelectionModel().select(selection));
        await(5, () -> robot.lookup("#param-cannySigma").tryQuery().isPresent());
        ScrollPane scroll = robot.lookup(".parameter-scroll").queryAs(ScrollPane.class);
        long visibleRows = onFx(() -> {
            Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
            return robot.lookup(".parameter-field").queryAll().stream()
                    .filter(Node::isVisible)
                    .map(n -> n.localToScene(n.getLayoutBounds()))
                    .filter(b -> b.getMinY() >= viewport.getMinY() && b.getMaxY() <= viewport.getMaxY())
                    .count();
        });
        assertTrue(visibleRows >= 6, "parameter rows in view at 1280×720: " + visibleRows);

        // human labels, code names only in the tooltip
        Label sigma = onFx(() -> robot.lookup(".parameter-name").queryAll().stream().map(n -> (Label) n)
                .filter(l -> l.getText().startsWith("Edge smoothing")).findFirst().orElseThrow());
        assertEquals("Edge smoothing (σ) (px)", onFx(sigma::getText));
        assertTrue(onFx(() -> sigma.getTooltip().getText()).contains("--param cannySigma=VALUE"));
        assertFalse(onFx(() -> sigma.getTooltip().getText()).contains("§"), "no spec section numbers");
        List<String> names = onFx(() -> robot.lookup(".parameter-name").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList());
        assertFalse(names.contains("bbNumLimit") || names.contains("cannySigma"), names.toString());
        assertTrue(names.contains("Max. clusters considered"), names.toString());
        List<String> groups = onFx(() -> robot.lookup(".parameter-group").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList());
        assertEquals(List.of("Mask", "Clusters", "Patches", "Other"), groups);
    }

    @Test
    void shortcutsMenusAndAutoLevels(FxRobot robot) throws Exception {
        assertEquals(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                onFx(() -> window.controller().openItem.getAccelerator()), "Ctrl+O shows in the File menu");
        assertTrue(robot.lookup("#autoLevelsToggle").query() instanceof CheckBox, "a check box shows its state");

        GridPane grid = onFx(WorkbenchWindow::shortcutGrid);
        List<String> keys = onFx(() -> grid.getChildren().stream()
                .filter(n -> GridPane.getColumnIndex(n) == 0).map(n -> ((Label) n).getText()).toList());
        assertTrue(keys.containsAll(List.of("Ctrl+O", "M", "P", "Space")), keys.toString());
        assertEquals(keys.size() * 2, onFx(() -> grid.getChildren().size()), "one key and one description a row");

        onFx(() -> window.controller().viewer.requestFocus());
        boolean mask = onFx(() -> vm.selection().overlays().maskVisibleProperty().get());
        robot.press(KeyCode.M).release(KeyCode.M);
        await(5, () -> vm.selection().overlays().maskVisibleProperty().get() != mask);
        boolean boxes = onFx(() -> vm.selection().overlays().patchesVisibleProperty().get());
        robot.press(KeyCode.P).release(KeyCode.P);
        await(5, () -> vm.selection().overlays().patchesVisibleProperty().get() != boxes);
    }
}
