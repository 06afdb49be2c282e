package org.clanet.workbench.app.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.WorkbenchContext;
import org.clanet.workbench.app.WorkbenchViewModel;
import org.clanet.workbench.app.WorkbenchWindow;
import org.clanet.workbench.app.navigator.NavigatorViewModel;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.status.StatusViewModel;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.util.Executors2;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;

/**
 * Workbench benchmarks (a main class, not a test; see docs/BENCHMARKS.md "Workbench"):
 * (1) time to show a 10,000-image dataset: scan + navigator view model + tree items in the real window;
 * (2) frames per second stepping / scrubbing a 200-frame 704×520 sequence in the real window (decode + render);
 * (3) heap after GC before vs after scrubbing (the caches are bounded).
 * Run headless with the Monocle flags (the command is in BENCHMARKS.md).
 */
public final class WorkbenchBench {

    private WorkbenchBench() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("clanet-bench-");
        try {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false);
            showLargeDataset(tmp.resolve("large"));
            scrub(tmp.resolve("scrub"));
        } finally {
            deleteTree(tmp);
            Platform.exit();
        }
    }

    // ---------------------------------------------------------------------------------------------- (1)

    static void showLargeDataset(Path dir) throws Exception {
        long t0 = System.nanoTime();
        int n = 0;
        BufferedImage tiny = new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY);
        for (int line = 0; line < 10; line++) {
            for (int batch = 0; batch < 5; batch++) {
                Path b = Files.createDirectories(dir.resolve("LINE" + line).resolve("batch_" + (batch + 1)));
                for (int well = 0; well < 20; well++) {
                    String w = (char) ('A' + well / 10) + Integer.toString(well % 10 + 1);
                    for (int t = 0; t < 10; t++) {
                        String name = String.format("VID%d_%s_1_%02dd%02dh00m.png", 100 + line * 5 + batch, w,
                                (4 * t) / 24, (4 * t) % 24);
                        ImageIO.write(tiny, "png", b.resolve(name).toFile());
                        n++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "generated %,d images in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

        List<Double> scanMs = new ArrayList<>();
        List<Double> treeMs = new ArrayList<>();
        List<Double> windowMs = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            long a = System.nanoTime();
            Dataset d = DatasetScanner.scan(dir);
            long b = System.nanoTime();
            NavigatorViewModel nav = new NavigatorViewModel();
            nav.setDataset(d);
            long c = System.nanoTime();
            // the real window: dataset → navigator tree items, first sequence selected and shown
            double shown = onFx(() -> {
                WorkbenchViewModel vm = new WorkbenchViewModel(context());
                Stage stage = new Stage();
                WorkbenchWindow w = new WorkbenchWindow(stage, vm, null);
                stage.setWidth(1200);
                stage.setHeight(760);
                stage.show();
                long s0 = System.nanoTime();
                vm.dataset().show(d);
                double ms = (System.nanoTime() - s0) / 1e6;
                stage.close();
                vm.close();
                return ms;
            });
            scanMs.add((b - a) / 1e6);
            treeMs.add((c - b) / 1e6);
            windowMs.add(shown);
            if (run == 0) {
                System.out.printf(Locale.ROOT, "cold: scan %.0f ms, navigator model %.1f ms, window update %.0f ms; "
                        + "%d sequences%n", scanMs.get(0), treeMs.get(0), windowMs.get(0), d.sequenceCount());
            }
        }
        System.out.printf(Locale.ROOT, "(1) 10k dataset, warm median of 5: scan %.0f ms + navigator model %.1f ms"
                        + " + window (tree items, first frame requested) %.0f ms = %.0f ms to show%n",
                median(scanMs.subList(1, 6)), median(treeMs.subList(1, 6)), median(windowMs.subList(1, 6)),
                median(scanMs.subList(1, 6)) + median(treeMs.subList(1, 6)) + median(windowMs.subList(1, 6)));
    }

    // ---------------------------------------------------------------------------------------------- (2)(3)

    static void scrub(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random rnd = new Random(42);
        BufferedImage img = new BufferedImage(704, 520, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int t = 0; t < 200; t++) {
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (100 + (int) (rnd.nextGaussian() * 20) + (i % 704) / 20 + t % 50);
            }
            ImageIO.write(img, "jpg", dir.resolve(String.format("VID1_G7_1_%02dd%02dh00m.jpg", t / 6, (t % 6) * 4))
                    .toFile());
        }
        Dataset d = DatasetScanner.scan(dir);
        Sequence seq = d.sequences().findFirst().orElseThrow();
        System.out.printf(Locale.ROOT, "scrub sequence: %d frames 704×520 JPEG%n", seq.size());

        WorkbenchViewModel vm = onFx(() -> new WorkbenchViewModel(context()));
        WorkbenchWindow window = onFx(() -> {
            Stage stage = new Stage();
            stage.setWidth(1200); // inside Monocle's 1280×800 headless screen
            stage.setHeight(760);
            WorkbenchWindow w = new WorkbenchWindow(stage, vm, null);
            stage.show();
            vm.dataset().show(d);
            return w;
        });
        waitShown(vm, seq.frames().get(0));
        long heapStart = heapAfterGc();

        // (2a) step frame by frame, each shown and rendered before the next (arrow key held, no skipping)
        for (int pass = 0; pass < 2; pass++) {
            onFx(() -> {
                vm.timeline().first();
                return null;
            });
            waitShown(vm, seq.frames().get(0));
            long a = System.nanoTime();
            for (int i = 1; i < seq.size(); i++) {
                Frame f = seq.frames().get(i);
                onFx(() -> {
                    vm.timeline().step(1);
                    return null;
                });
                waitShown(vm, f);
            }
            double s = (System.nanoTime() - a) / 1e9;
            System.out.printf(Locale.ROOT, "(2a) step pass %d: %d frames decoded+rendered in %.2f s = %.0f fps%n",
                    pass + 1, seq.size() - 1, s, (seq.size() - 1) / s);
        }

        // (2b) scrub as fast as the slider moves (one index change every 4 ms): latest request wins
        for (int pass = 0; pass < 2; pass++) {
            onFx(() -> {
                vm.timeline().first();
                return null;
            });
            waitShown(vm, seq.frames().get(0));
            int[] shown = {0};
            javafx.beans.value.ChangeListener<Frame> count = (o, x, f) -> shown[0]++;
            onFx(() -> {
                vm.viewer().shownFrameProperty().addListener(count);
                return null;
            });
            long a = System.nanoTime();
            for (int i = 1; i < seq.size(); i++) {
                onFx(() -> {
                    vm.timeline().step(1);
                    return null;
                });
                Thread.sleep(4);
            }
            long moved = System.nanoTime();
            waitShown(vm, seq.frames().get(seq.size() - 1));
            long settled = System.nanoTime();
            onFx(() -> {
                vm.viewer().shownFrameProperty().removeListener(count);
                return null;
            });
            System.out.printf(Locale.ROOT, "(2b) scrub pass %d: slider moved over %d frames in %.2f s, %d frames "
                            + "shown on the way (%.0f fps), last frame on screen %.0f ms after the slider stopped%n",
                    pass + 1, seq.size() - 1, (moved - a) / 1e9, shown[0], shown[0] / ((settled - a) / 1e9),
                    (settled - moved) / 1e6);
        }

        // (3) memory: 3 more full passes, heap after GC after each
        StringBuilder perPass = new StringBuilder();
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < seq.size(); i++) {
                int k = i;
                onFx(() -> {
                    vm.timeline().indexProperty().set(k);
                    return null;
                });
                waitShown(vm, seq.frames().get(k));
            }
            perPass.append(perPass.length() == 0 ? "" : ", ").append(heapAfterGc() >> 20);
        }
        Thread.sleep(1000); // thumbnails settle
        long heapEnd = heapAfterGc();
        System.out.printf(Locale.ROOT, "(3) heap after GC: %d MB after opening; after scrub passes 3, 4, 5: %s MB;"
                        + " at the end %d MB (frame cache %d frames / %.0f Mpx, thumbnail cache %d / %.1f MB);"
                        + " max heap %d MB%n",
                heapStart >> 20, perPass, heapEnd >> 20, vm.viewer().loader().cachedFrames(),
                vm.viewer().loader().cachedPixels() / 1e6, vm.thumbnails().size(), vm.thumbnails().bytes() / 1e6,
                Runtime.getRuntime().maxMemory() >> 20);
        onFx(() -> {
            window.close();
            vm.close();
            return null;
        });
    }

    private static WorkbenchContext context() throws IOException {
        Path prefs = Files.createTempFile("clanet-bench-prefs", ".json");
        Files.deleteIfExists(prefs);
        return new WorkbenchContext(Platform::runLater, Executors2.fixed("bench-frame", 1),
                Executors2.lifo("bench-thumb", 2), new TaskRunner(1), new WorkbenchPreferences(prefs),
                () -> new StatusViewModel.EngineInfo("bench", ""), () -> { });
    }

    private static void waitShown(WorkbenchViewModel vm, Frame f) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        javafx.beans.value.ChangeListener<Frame> l = (o, a, b) -> {
            if (b == f) {
                latch.countDown();
            }
        };
        boolean already = onFx(() -> {
            if (vm.viewer().shownFrameProperty().get() == f) {
                return true;
            }
            vm.viewer().shownFrameProperty().addListener(l);
            return false;
        });
        if (!already) {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("frame never shown: " + f.fileName());
            }
            onFx(() -> {
                vm.viewer().shownFrameProperty().removeListener(l);
                return null;
            });
        }
        // let the coalesced draw of this frame run (the viewer draws on the next FX turn)
        onFx(() -> null);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
