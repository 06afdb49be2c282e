package org.clanet.workbench.selection.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.OpenCvSupport;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;

/**
 * Whole-stage throughput against the selection computation alone, in one JVM, alternating so machine load hits both
 * alike: per frame, (a) decode + select + PNG encode in a plain loop, (b) select alone, (c) the selection stage with a
 * workspace and one worker, as {@code clanet select --threads 1} runs it (reader thread, grouped commits).
 * {@code SelectThroughputMain DATASET [rounds]}.
 */
public final class SelectThroughputMain {

    private SelectThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        OpenCvSupport.load();
        Dataset d = DatasetScanner.scan(root);
        List<SelectionStage.Item> items = SelectionStage.itemsOf(d);
        SelectionParameters p = SelectionParameters.defaults();
        for (int r = 0; r < rounds; r++) {
            long dec = 0;
            long sel = 0;
            long enc = 0;
            for (SelectionStage.Item it : items) {
                long t0 = System.nanoTime();
                GrayImage img = ImageLoader.loadProcessed(it.file(), Preset.AUTO);
                long t1 = System.nanoTime();
                var res = PatchSelector.select(img, p);
                long t2 = System.nanoTime();
                SelectionStage.encodePng(res.mask(), res.width(), res.height());
                long t3 = System.nanoTime();
                dec += t1 - t0;
                sel += t2 - t1;
                enc += t3 - t2;
            }
            Path ws = Files.createTempDirectory("clanet-tp");
            long s0 = System.nanoTime();
            try (Workspace w = Workspace.open(root, ws)) {
                new SelectionStage(p, Preset.AUTO, 1).run(root, items, w, null, null, null);
            }
            long stage = System.nanoTime() - s0;
            int n = items.size();
            System.out.printf(Locale.ROOT, "round %d: decode %.1f, select %.1f, encode %.1f ms/frame; stage with"
                    + " workspace %.1f ms/frame = %.2fx select, %.2fx decode+select+encode (load %s)%n", r,
                    dec / 1e6 / n, sel / 1e6 / n, enc / 1e6 / n, stage / 1e6 / n, (double) stage / sel,
                    (double) stage / (dec + sel + enc), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
    }
}
