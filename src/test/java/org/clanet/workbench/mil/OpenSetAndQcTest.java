package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSetAndQcTest {

    @TempDir
    Path dir;

    @Test
    void aHeldOutLineIsFlaggedMoreOftenThanKnownLines() throws Exception {
        // Train on lines A, B, C; line D is never seen.
        List<String> known = SyntheticBags.classes(3);
        List<String> all = SyntheticBags.classes(4);
        var train = bags(known, 8, "batch_1", 5);
        var val = bags(known, 4, "batch_1", 6);
        var test = bags(all, 10, "batch_2", 7);
        try (GatedAttentionMil model = trained(known, train, val, 20)) {
            OpenSet.Calibration cal = OpenSet.calibrate(model, train, val, OpenSet.Score.EITHER, 0.1);
            int unknownFlagged = 0;
            int unknownCount = 0;
            int knownFlagged = 0;
            int knownCount = 0;
            for (MilTrainer.LabelledBag b : test) {
                OpenSet.Verdict v = cal.judge(model.predict(b.bag().instances()));
                if (b.label() == 3) {
                    unknownCount++;
                    unknownFlagged += v.unknown() ? 1 : 0;
                } else {
                    knownCount++;
                    knownFlagged += v.unknown() ? 1 : 0;
                    assertEquals(v.unknown(), !v.reason().isEmpty());
                }
            }
            double flagged = (double) unknownFlagged / unknownCount;
            double wrong = (double) knownFlagged / knownCount;
            assertTrue(flagged >= 0.5 && flagged > wrong + 0.3, "held-out flagged " + flagged + ", known " + wrong);
        }
    }

    @Test
    void theDistanceThresholdLiesHalfwayToTheOtherClassesDistances() throws Exception {
        List<String> known = SyntheticBags.classes(3);
        var train = bags(known, 6, "batch_1", 5);
        var val = bags(known, 3, "batch_1", 6);
        try (GatedAttentionMil model = trained(known, train, val, 10)) {
            OpenSet.Calibration cal = OpenSet.calibrate(model, train, val, OpenSet.Score.CENTROID_DISTANCE, 0.05);
            double[] valDist = val.stream().mapToDouble(b -> OpenSet.nearestDistance(
                    model.predict(b.bag().instances()).bagVector(), cal.centroids())).toArray();
            double[] otherDist = train.stream().mapToDouble(b -> {
                float[][] others = new float[2][];
                int n = 0;
                for (int k = 0; k < 3; k++) {
                    if (k != b.label()) {
                        others[n++] = cal.centroids()[k];
                    }
                }
                return OpenSet.nearestDistance(model.predict(b.bag().instances()).bagVector(), others);
            }).toArray();
            double v = OpenSet.quantile(valDist, 0.95);
            double o = OpenSet.quantile(otherDist, 0.05);
            assertTrue(o > v, "other classes lie farther than a known line's validation sequences: " + o + " vs " + v);
            assertEquals(v + 0.5 * (o - v), cal.distanceThreshold(), 1e-6);

            // one class: nothing to compare with, the validation calibration alone
            var oneTrain = train.stream().filter(b -> b.label() == 0).toList();
            var oneVal = val.stream().filter(b -> b.label() == 0).toList();
            OpenSet.Calibration one = OpenSet.calibrate(model, oneTrain, oneVal, OpenSet.Score.CENTROID_DISTANCE, 0.05);
            double[] oneDist = oneVal.stream().mapToDouble(b -> OpenSet.nearestDistance(
                    model.predict(b.bag().instances()).bagVector(), one.centroids())).toArray();
            assertEquals(OpenSet.quantile(oneDist, 0.95), one.distanceThreshold(), 1e-6);
        }
    }

    /** Sequences of the given lines (6 frames, 10 patches, 24-d, signal 1.5, 4 h apart), labelled. */
    private static List<MilTrainer.LabelledBag> bags(List<String> lines, int perLine, String batch, long seed) {
        return SyntheticBags.labelled(SyntheticBags.sequences(lines.size(), perLine, 6, 10, 24, 1.5, 4, batch, seed),
                lines);
    }

    private GatedAttentionMil trained(List<String> classes, List<MilTrainer.LabelledBag> train,
                                      List<MilTrainer.LabelledBag> val, int epochs) throws Exception {
        MilTrainer.Result r = new MilTrainer(MilTrainerTest.quick(epochs)).train(
                new MilTrainer.TrainingData(classes, train, val), dir, MilTrainer.Listener.NONE, Cancellation.none());
        return GatedAttentionMil.of(r.best());
    }

    @Test
    void quantileIsNumpysLinearOne() {
        // np.quantile([1, 2, 3, 4, 10], 0.1) = 1.4; 0.9 -> 7.6
        assertEquals(1.4, OpenSet.quantile(new double[] {10, 1, 3, 2, 4}, 0.1), 1e-12);
        assertEquals(7.6, OpenSet.quantile(new double[] {10, 1, 3, 2, 4}, 0.9), 1e-12);
    }

    @Test
    void qcWarnsOutsideTheTrainingRanges() {
        float[][] rows = new float[40][2];
        Bag a = new Bag("a", "A", "b1", List.of("1", "2", "3", "4"), new int[] {4, 8, 12, 16}, 10, rows);
        Bag b = new Bag("b", "A", "b1", List.of("1", "2", "3", "4"), new int[] {6, 11, 16, 21}, 10, rows);
        BatchQc qc = BatchQc.of(List.of(a, b));
        assertEquals(4.0, qc.minIntervalHours());
        assertEquals(5.0, qc.maxIntervalHours());
        assertEquals(List.of(), qc.warnings(new int[] {5, 9, 13, 17}));
        List<String> w = qc.warnings(new int[] {30, 42, 54});
        assertEquals(4, w.size(), w.toString());
        assertTrue(w.get(0).contains("imaging interval 12.0 h is outside the training range 4.0–5.0 h"), w.get(0));
        assertTrue(w.get(1).contains("3 usable frames, the training sequences had 4–4"), w.get(1));
        assertTrue(w.get(3).contains("first frame at 30 h"), w.get(3));
    }
}
