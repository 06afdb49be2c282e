package org.clanet.workbench.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.clanet.workbench.app.charts.Decimation;
import org.clanet.workbench.app.charts.SeriesBuffer;

/**
 * Why the dashboard decimates (development tool, not a test): time to put N points into a JavaFX LineChart and
 * render it once (data set + layout + CSS + snapshot), all points vs min/max-decimated to 500 columns. Run under
 * Xvfb: {@code xvfb-run -a java -cp target/classes:target/test-classes:DEPS
 * org.clanet.workbench.app.bench.ChartDecimationBench}.
 */
public final class ChartDecimationBench {

    private ChartDecimationBench() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
            chart.setCreateSymbols(false);
            chart.setAnimated(false);
            stage.setScene(new Scene(chart, 1000, 400));
            stage.show();
            Thread t = new Thread(() -> {
                try {
                    for (boolean decimate : new boolean[] {true, false}) {
                        for (int n : new int[] {10_000, 100_000}) {
                            SeriesBuffer b = new SeriesBuffer();
                            for (int i = 0; i < n; i++) {
                                b.add(i / 50.0, Math.exp(-i / 30_000.0) + 0.1 * Math.sin(i));
                            }
                            for (int rep = 0; rep < 3; rep++) {
                                clear(chart); // the previous series' clean-up is not timed
                                report(chart, decimate ? "decimated" : "all points", n,
                                        b.decimated(decimate ? 500 : Integer.MAX_VALUE / 8));
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
                Platform.runLater(Platform::exit);
            });
            t.setDaemon(true);
            t.start();
        }
    }

    static void clear(LineChart<Number, Number> chart) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            chart.getData().clear();
            chart.layout();
            chart.snapshot(null, null);
            f.complete(null);
        });
        f.get(600, TimeUnit.SECONDS);
        System.gc();
        Thread.sleep(300);
    }

    static void report(LineChart<Number, Number> chart, String what, int n, Decimation.Points p) throws Exception {
        CompletableFuture<Long> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(p.size());
            for (int i = 0; i < p.size(); i++) {
                data.add(new XYChart.Data<>(p.x()[i], p.y()[i]));
            }
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.getData().setAll(data);
            chart.getData().setAll(List.of(s));
            chart.applyCss();
            chart.layout();
            chart.snapshot(null, null);
            f.complete(System.nanoTime() - t0);
        });
        long ns = f.get(600, TimeUnit.SECONDS);
        System.out.printf("%,d points, %s (%,d in the chart): %,d ms%n", n, what, p.size(), ns / 1_000_000);
    }
}
