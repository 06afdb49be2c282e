package org.clanet.workbench.app.selection;

import org.clanet.workbench.app.RealWindowTest;
import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** At 1280×720 and the default navigator width, the "done" badges are on screen (issue 9, point 9). */
class NavigatorBadgesWindowTest extends RealWindowTest {

    @Override
    protected double height() {
        return 720;
    }

    @Test
    void badgesSitInsideTheNavigator(FxRobot robot) throws Exception {
        Path ds = BlobImages.dataset(tmp.resolve("ds"));
        // one row wider than the navigator (rows share the widest row's width: badges at their right end were
        // scrolled out of sight)
        java.nio.file.Files.move(ds.resolve("A549"), ds.resolve("A549 grown in the long-term hypoxia series"));
        onFx(() -> vm.open(ds));
        await(10, () -> vm.navigator().getRoot() != null);
        onFx(() -> vm.selection().applyToDataset());
        await(60, () -> vm.selection().applyTaskProperty().get() != null
                && vm.selection().applyTaskProperty().get().isFinished());
        await(10, () -> !robot.lookup(".nav-badge").queryAll().isEmpty());
        Node navigator = robot.lookup(".navigator").query();
        List<Node> badges = List.copyOf(robot.lookup(".nav-badge").queryAll());
        assertFalse(badges.isEmpty());
        onFx(() -> {
            Bounds nav = navigator.localToScene(navigator.getLayoutBounds());
            for (Node b : badges) {
                if (!b.isVisible()) {
                    continue;
                }
                Bounds bb = b.localToScene(b.getLayoutBounds());
                assertTrue(bb.getMaxX() <= nav.getMaxX() && bb.getMinX() >= nav.getMinX(),
                        "badge at x " + bb.getMinX() + ".." + bb.getMaxX() + " in the navigator " + nav.getMinX()
                                + ".." + nav.getMaxX());
            }
        });
    }
}
