package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two training changes beyond the published MIL: the instance-level loss term (its value against a hand
 * computation from the weights) and feature standardisation folded into the saved weights (same outputs on raw
 * features as the trained model on standardised ones).
 */
class InstanceLossAndScalingTest {

    private static final List<String> CLASSES = List.of("A", "B", "C");

    @Test
    void foldedScalingGivesTheSameProbabilitiesAndAttentionOnRawFeatures() {
        int dim = 7;
        SplittableRandom rng = new SplittableRandom(5);
        float[] mean = new float[dim];
        float[] sd = new float[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = (float) (rng.nextDouble() * 40 - 20);
            sd[i] = (float) (0.05 + rng.nextDouble() * 30);
        }
        FeatureScaling scaling = new FeatureScaling(mean, sd);
        float[][] raw = new float[12][dim];
        for (float[] r : raw) {
            for (int i = 0; i < dim; i++) {
                r[i] = (float) (mean[i] + sd[i] * (rng.nextDouble() * 4 - 2));
            }
        }
        MilWeights trained = MilWeights.pytorchDefault(CLASSES, dim, 5, 11);
        try (GatedAttentionMil onScaled = GatedAttentionMil.of(trained);
             GatedAttentionMil folded = GatedAttentionMil.of(scaling.fold(trained))) {
            MilOutput a = onScaled.predict(scaling.apply(raw));
            MilOutput b = folded.predict(raw);
            for (int c = 0; c < CLASSES.size(); c++) {
                assertEquals(a.probabilities()[c], b.probabilities()[c], 1e-5, "class " + c);
            }
            for (int i = 0; i < raw.length; i++) {
                assertEquals(a.attention()[i], b.attention()[i], 1e-5, "attention " + i);
            }
        }
        // the attention-weights layer reads the 5-d hidden state, not the features: unchanged by the fold
        assertEquals(trained.attentionWeightsWeight()[2], scaling.fold(trained).attentionWeightsWeight()[2]);
    }

    @Test
    void identityScalingAndConstantDimensionsLeaveWeightsAlone() {
        MilWeights w = MilWeights.pytorchDefault(CLASSES, 4, 3, 2);
        MilWeights same = FeatureScaling.identity(4).fold(w);
        for (String name : MilWeights.NAMES) {
            float[] x = w.named().get(name);
            float[] y = same.named().get(name);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-7, name);
            }
        }
        List<String> lines = SyntheticBags.classes(2);
        List<MilTrainer.LabelledBag> bags = SyntheticBags.labelled(
                SyntheticBags.sequences(2, 2, 3, 10, 5, 1.0, 2, "batch_1", 1), lines);
        FeatureScaling fitted = FeatureScaling.fit(bags, 5);
        for (int d = 0; d < 5; d++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (MilTrainer.LabelledBag lb : bags) {
                for (float[] x : lb.bag().instances()) {
                    sum += x[d];
                    sq += x[d] * x[d];
                    n++;
                }
            }
            assertEquals(2 * 2 * 3 * 10, n);
            assertEquals(sum / n, fitted.mean()[d], 1e-5);
            assertEquals(Math.sqrt(sq / n - (sum / n) * (sum / n)), fitted.sd()[d], 1e-4);
        }
    }

    @Test
    void instanceLossAddsTheMeanInstanceCrossEntropyTimesItsWeight() {
        int dim = 6;
        MilWeights w = MilWeights.pytorchDefault(CLASSES, dim, 4, 7);
        SplittableRandom rng = new SplittableRandom(3);
        float[][] bag = new float[5][dim];
        for (float[] r : bag) {
            for (int i = 0; i < dim; i++) {
                r[i] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
        int target = 2;
        double lambda = 100;
        double bagCe;
        try (GatedAttentionMil m = GatedAttentionMil.of(w)) {
            bagCe = -Math.log(m.predict(bag).probabilities()[target]);
        }
        double instanceCe = 0;
        for (float[] x : bag) {
            double[] logits = new double[CLASSES.size()];
            for (int c = 0; c < logits.length; c++) {
                logits[c] = w.classifierBias()[c];
                for (int i = 0; i < dim; i++) {
                    logits[c] += w.classifierWeight()[c * dim + i] * x[i];
                }
            }
            double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
            double z = 0;
            for (double l : logits) {
                z += Math.exp(l - max);
            }
            instanceCe += -(logits[target] - max - Math.log(z));
        }
        instanceCe /= bag.length;
        double published;
        double withInstances;
        try (GatedAttentionMil m = GatedAttentionMil.of(w); MinibatchSgd sgd = new MinibatchSgd(m)) {
            published = sgd.step(List.<float[][]>of(bag), new int[] {target}, new double[] {1}, 0, 0, 0).loss();
        }
        try (GatedAttentionMil m = GatedAttentionMil.of(w); MinibatchSgd sgd = new MinibatchSgd(m)) {
            withInstances = sgd.step(List.<float[][]>of(bag), new int[] {target}, new double[] {1}, 0, 0, 0, lambda).loss();
        }
        assertEquals(bagCe, published, 1e-5);
        assertEquals(bagCe + lambda * instanceCe, withInstances, 1e-3 * lambda * instanceCe);
        assertTrue(withInstances > published * 10);
    }

    @Test
    void theDefaultsLearnAtThePublishedRateAndSaveWeightsForRawFeatures(@org.junit.jupiter.api.io.TempDir
                                                                        java.nio.file.Path dir) throws Exception {
        MilTrainer.TrainingData d = MilTrainerTest.data(10);
        List<MilTrainer.LabelledBag> test = SyntheticBags.labelled(
                SyntheticBags.sequences(4, 6, 7, 10, 24, 1.5, 3, "batch_2", 99), MilTrainerTest.CLASSES);
        MilParameters p = MilParameters.DEFAULTS.with(java.util.Map.of("epochs", "12", "batchSize", "8",
                "attentionDim", "16", "validateEvery", "2", "checkpointEvery", "4", "seed", "3"));
        List<MilTrainer.EpochReport> reports = new java.util.ArrayList<>();
        MilTrainer.Result r = new MilTrainer(p).train(d, dir.resolve("run"), reports::add,
                org.clanet.workbench.pipeline.Cancellation.none());
        // memory flat over epochs: the instance term's arrays die with each step's sub-manager
        assertEquals(1, reports.stream().skip(1).mapToInt(MilTrainer.EpochReport::liveArrays).distinct().count(),
                reports.stream().map(x -> "" + x.liveArrays()).toList().toString());
        double trained;
        try (GatedAttentionMil m = GatedAttentionMil.of(r.best())) {
            trained = SyntheticBags.accuracy(m, test); // raw features: the scaling is folded into r.best()
        }
        double published;
        MilTrainer.Result q = new MilTrainer(p.with("instanceLossWeight", "0").with("standardiseFeatures", "0"))
                .train(d, dir.resolve("published"), MilTrainer.Listener.NONE,
                        org.clanet.workbench.pipeline.Cancellation.none());
        try (GatedAttentionMil m = GatedAttentionMil.of(q.best())) {
            published = SyntheticBags.accuracy(m, test);
        }
        assertTrue(trained >= 0.85, "defaults after 12 epochs at lr 5e-4: " + trained);
        assertTrue(trained > published, "defaults " + trained + " vs published loss on raw features " + published);
        MilWeights saved = MilModelFile.read(r.runDir().resolve(MilTrainer.BEST));
        assertEquals(r.best().classifierBias()[1], saved.classifierBias()[1], 0f);
    }

    @Test
    void twoStepsWithTheInstanceLossMatchPyTorch() throws Exception {
        // tools/mil/make_instance_loss_reference.py: the published module, the same start and bags as the
        // published-step parity test, loss (bag CE + lambda x mean instance CE) x w / sum(w)
        java.util.Map<String, org.clanet.workbench.io.NpyArray> base =
                org.clanet.workbench.io.Npz.read(GatedAttentionParityTest.reference());
        java.util.Map<String, org.clanet.workbench.io.NpyArray> ref = org.clanet.workbench.io.Npz.read(java.nio.file.Path.of(
                getClass().getResource("/mil/instance_loss_reference.npz").toURI()));
        MilWeights w = MilModelFile.read(GatedAttentionParityTest.reference());
        List<float[][]> bags = List.of(GatedAttentionParityTest.rows(base.get("bag0")),
                GatedAttentionParityTest.rows(base.get("bag1")), GatedAttentionParityTest.rows(base.get("bag2")));
        float[] t = ref.get("targets").data();
        float[] ws = ref.get("weights").data();
        double lambda = ref.get("lambda").data()[0];
        double lr = ref.get("lr").data()[0];
        try (GatedAttentionMil model = GatedAttentionMil.of(w); MinibatchSgd sgd = new MinibatchSgd(model)) {
            for (int step = 0; step < 2; step++) {
                double loss = sgd.step(bags, new int[] {(int) t[0], (int) t[1], (int) t[2]},
                        new double[] {ws[0], ws[1], ws[2]}, lr, 0.9, 5e-4, lambda).loss();
                double want = ref.get("losses").data()[step];
                assertEquals(want, loss, 1e-5 * want, "loss at step " + step);
            }
            java.util.Map<String, float[]> after = model.weights().named();
            for (String name : MilWeights.NAMES) {
                float[] want = ref.get("step2." + name).data();
                double[] got = new double[want.length];
                for (int i = 0; i < want.length; i++) {
                    got[i] = after.get(name)[i]; // the reference keeps the first rows of the (128, 1536) matrices
                }
                GatedAttentionParityTest.assertClose(want, got, 5e-6, name + " after two steps");
            }
        }
    }

    @Test
    void aCancelledRunWithTheDefaultsResumesToTheSameModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        MilTrainer.TrainingData d = MilTrainerTest.data(21); // 32 bags, batch 8: 4 minibatches per epoch
        MilParameters p = MilParameters.DEFAULTS.with(java.util.Map.of("epochs", "4", "batchSize", "8",
                "attentionDim", "16", "validateEvery", "2", "checkpointEvery", "2", "seed", "3"));
        MilTrainer.Result straight = new MilTrainer(p).train(d, dir.resolve("a"), MilTrainer.Listener.NONE,
                org.clanet.workbench.pipeline.Cancellation.none());
        org.clanet.workbench.pipeline.Cancellation cancel = new org.clanet.workbench.pipeline.Cancellation();
        MilTrainer.Result first = new MilTrainer(p).train(d, dir.resolve("b"), new MilTrainer.Listener() {
            @Override
            public void epoch(MilTrainer.EpochReport report) {
            }

            @Override
            public void minibatch(int epoch, int done, int total) {
                if (epoch == 2 && done == 2) {
                    cancel.cancel();
                }
            }
        }, cancel);
        assertTrue(first.cancelled());
        MilTrainer.Result resumed = new MilTrainer(p).train(d, dir.resolve("b"), MilTrainer.Listener.NONE,
                org.clanet.workbench.pipeline.Cancellation.none());
        for (String name : MilWeights.NAMES) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(straight.last().named().get(name),
                    resumed.last().named().get(name), 1e-6f, name);
            org.junit.jupiter.api.Assertions.assertArrayEquals(straight.best().named().get(name),
                    resumed.best().named().get(name), 1e-6f, name);
        }
    }

    @Test
    void parametersNameThePublishedTrainingAndRefuseBadValues() {
        assertEquals(0.0, MilParameters.published().instanceLossWeight());
        assertEquals(0, MilParameters.published().standardiseFeatures());
        assertEquals(100.0, MilParameters.DEFAULTS.instanceLossWeight());
        assertEquals(1, MilParameters.DEFAULTS.standardiseFeatures());
        assertThrows(IllegalArgumentException.class, () -> MilParameters.DEFAULTS.with("instanceLossWeight", "-1"));
        assertThrows(IllegalArgumentException.class, () -> MilParameters.DEFAULTS.with("standardiseFeatures", "2"));
        assertEquals(0.5, MilParameters.DEFAULTS.with("instance_loss_weight", "0.5").instanceLossWeight());
        assertEquals(0, MilParameters.published().settlingHours());
        assertEquals(24, MilParameters.DEFAULTS.settlingHours());
        assertThrows(IllegalArgumentException.class, () -> MilParameters.DEFAULTS.with("settlingHours", "-1"));
    }
}
