package org.clanet.workbench.app;

import static org.clanet.workbench.app.FxTestSupport.onFx;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;

/**
 * The real workbench window (headless Monocle) for a test: a fresh view model with its own preferences and data
 * folder under {@link #tmp}, shown at {@link #width()} × {@link #height()} from the screen's corner, closed after.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class RealWindowTest {

    @TempDir
    protected Path tmp;

    protected WorkbenchViewModel vm;
    protected WorkbenchWindow window;

    protected double width() {
        return 1280;
    }

    protected double height() {
        return 800;
    }

    /** After the window is shown, on the FX thread. */
    protected void shown() {
    }

    /**
     * A {@code @BeforeEach}, not TestFX's {@code @Start}: TestFX looks for {@code @Start} on the test class only, not
     * on a superclass. The extension has started the toolkit by now; the window goes on its primary stage.
     */
    @BeforeEach
    void openWindow() throws Exception {
        FxToolkit.setupStage(this::start);
    }

    private void start(Stage stage) {
        vm = new WorkbenchViewModel(FxTestSupport.windowContext(tmp));
        window = new WorkbenchWindow(stage, vm, null);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(width());
        stage.setHeight(height());
        window.show();
        shown();
    }

    @AfterEach
    void closeWindow() throws Exception {
        onFx(() -> window.close());
        vm.close();
    }
}
