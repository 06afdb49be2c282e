import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.clanet.workbench.embedding.EngineStatus;
import org.clanet.workbench.pipeline.RuntimeSetup;

/**
 * Installer smoke probe: run with the packaged runtime ({@code lib/runtime/bin/java}) and the packaged jars, it
 * loads every native part of the stack the way the app does and prints {@code key=value} lines that
 * installer/smoke-test.sh checks. Not part of the app.
 *
 * <pre>lib/runtime/bin/java [the launcher's java-options] -cp lib/app/clanet.jar:PROBE_DIR PackageProbe [--gui]</pre>
 */
public final class PackageProbe {

    public static void main(String[] args) throws Exception {
        RuntimeSetup.configure("probe");
        out("java.home", System.getProperty("java.home"));
        out("java.version", System.getProperty("java.version"));
        out("data.home", RuntimeSetup.dataHome());
        out("modules", ModuleLayer.boot().modules().size());

        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet rs = c.createStatement().executeQuery("select sqlite_version()")) {
            rs.next();
            out("sqlite", rs.getString(1));
        }

        nu.pattern.OpenCV.loadLocally();
        org.opencv.core.Mat m = org.opencv.core.Mat.ones(4, 4, org.opencv.core.CvType.CV_8UC1);
        out("opencv", org.opencv.core.Core.VERSION + " sum=" + (int) org.opencv.core.Core.sumElems(m).val[0]);

        long t0 = System.nanoTime();
        EngineStatus engine = EngineStatus.probe();
        out("engine", engine.label());
        out("engine.available", engine.available());
        out("engine.detail", engine.detail());
        out("engine.load_ms", (System.nanoTime() - t0) / 1_000_000);
        if (engine.available()) {
            out("libtorch.dir", ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
            try (NDManager nd = NDManager.newBaseManager()) {
                NDArray a = nd.arange(1f, 5f).reshape(2, 2);
                out("engine.matmul", a.matMul(a).sum().getFloat());
            }
        }

        if (List.of(args).contains("--gui")) {
            gui();
        }
        out("probe", "ok");
        System.exit(0);
    }

    /** Shows a window with the three ControlsFX parts that need the --add-exports/--add-opens flags. */
    private static void gui() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        javafx.application.Platform.startup(started::countDown);
        started.await(20, TimeUnit.SECONDS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        javafx.application.Platform.runLater(() -> {
            try {
                out("javafx.module", javafx.scene.control.Button.class.getModule());
                out("javafx.version", System.getProperty("javafx.runtime.version"));
                var field = new javafx.scene.control.TextField();
                org.controlsfx.control.textfield.TextFields.bindAutoCompletion(field, "HeLa", "MCF7", "A549");
                var grid = new org.controlsfx.control.spreadsheet.GridBase(3, 3);
                var spreadsheet = new org.controlsfx.control.spreadsheet.SpreadsheetView(grid);
                var table = new javafx.scene.control.TableView<String>(
                        javafx.collections.FXCollections.observableArrayList("HeLa", "MCF7"));
                var col = new javafx.scene.control.TableColumn<String, String>("line");
                col.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(d.getValue()));
                table.getColumns().add(col);
                org.controlsfx.control.table.TableFilter.forTableView(table).apply();
                var root = new javafx.scene.layout.VBox(8, new javafx.scene.control.Label("CLANet installer probe"),
                        field, spreadsheet, table);
                var stage = new javafx.stage.Stage();
                stage.setTitle("CLANet installer probe");
                stage.setScene(new javafx.scene.Scene(root, 640, 480));
                stage.show();
                field.requestFocus();
                field.setText("M");
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                shown.countDown();
            }
        });
        shown.await(30, TimeUnit.SECONDS);
        Thread.sleep(Long.getLong("probe.gui.ms", 1500));
        if (failure.get() != null) {
            failure.get().printStackTrace();
            out("gui", "FAILED " + failure.get());
            System.exit(1);
        }
        out("gui", "ok");
    }

    private static void out(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
