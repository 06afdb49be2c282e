package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.mil.split.Split;
import org.clanet.workbench.mil.split.SplitItems;
import org.clanet.workbench.mil.split.Splits;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a scanned dataset to bags, training and evaluation, with a random stand-in for the encoder. */
class MilDataTest {

    @TempDir
    Path dir;

    /** 16-d random features per patch, the line's index shifting 2 dims; one frame has only 4 patches. */
    static FeatureSource standIn(Dataset ds) {
        var lines = ds.cellLines().stream().map(c -> c.name()).toList();
        return frame -> {
            String line = frame.substring(0, frame.indexOf('/'));
            int c = lines.indexOf(line);
            SplittableRandom rng = new SplittableRandom(frame.hashCode());
            int n = starved(frame) ? 4 : 12;
            float[][] p = new float[n][16];
            for (float[] row : p) {
                for (int d = 0; d < 16; d++) {
                    row[d] = (float) (rng.nextGaussian() + (d / 2 == c ? 1.5 : 0));
                }
            }
            return Optional.of(p);
        };
    }

    /** Frames the stand-in gives too few patches: the second timepoint of SynColony's batch_1. */
    static boolean starved(String frame) {
        return frame.startsWith("SynColony/batch_1/") && frame.endsWith("00d21h50m.jpg");
    }

    @Test
    void sampleDataToTrainedAndEvaluatedModel() throws Exception {
        Dataset ds = DatasetScanner.scan(SharedData.sampleData());
        Split split = Splits.batchSeparated(SplitItems.of(ds), 1, 0.2);
        MilParameters p = MilParameters.DEFAULTS.with("epochs", "15").with("lr", "0.02").with("bs", "4")
                .with("attentionDim", "8");
        MilData.Prepared data = MilData.prepare(ds, split, standIn(ds), p);
        assertEquals(4, data.training().classes().size());
        assertEquals(8, data.training().train().size() + data.training().validation().size());
        assertEquals(16, data.test().size());
        int skipped = data.framesSkipped().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(2, ds.frames().filter(f -> starved(f.relativePath())).count());
        assertEquals(2, skipped, "frames with 4 of 10 patches are skipped");
        data.training().train().forEach(b -> assertEquals(split.label(b.bag().line()), b.label()));
        assertTrue(data.summary(p).get(2).startsWith("test: 16 bags"), data.summary(p).toString());
        MilTrainer.Result r = new MilTrainer(p).train(data.training(), dir, MilTrainer.Listener.NONE,
                Cancellation.none());
        try (GatedAttentionMil m = GatedAttentionMil.of(r.best())) {
            MilEvaluator.Report rep = MilEvaluator.evaluate(m, data.test());
            assertTrue(rep.sequence().top1() >= 0.75, "top1 " + rep.sequence().top1());
            assertEquals(8, rep.batches().size()); // 4 lines × 2 test batches
        }
    }

    @Test
    void tooFewUsableFramesAreLeftOutAndSaid() throws Exception {
        Dataset ds = DatasetScanner.scan(SharedData.sampleData());
        Split split = Splits.batchSeparated(SplitItems.of(ds), 1, 0.2);
        MilData.Prepared data = MilData.prepare(ds, split, f -> Optional.empty(), MilParameters.DEFAULTS);
        assertEquals(0, data.training().train().size());
        assertEquals(16, data.leftOut().get("test").size());
        assertTrue(data.leftOut().get("test").get(0).contains("0 usable frame(s) of 8 (needs 3)"),
                data.leftOut().get("test").get(0));
        assertThrows(IllegalArgumentException.class, () -> new MilTrainer(MilParameters.DEFAULTS).train(
                data.training(), dir, MilTrainer.Listener.NONE, Cancellation.none()));
    }
}
