package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilTrainerTest {

    @TempDir
    Path dir;

    static final List<String> CLASSES = SyntheticBags.classes(4);

    static MilTrainer.TrainingData data(long seed) {
        return new MilTrainer.TrainingData(CLASSES,
                SyntheticBags.labelled(SyntheticBags.sequences(4, 8, 6, 10, 24, 1.5, 4, "batch_1", seed), CLASSES),
                SyntheticBags.labelled(SyntheticBags.sequences(4, 3, 6, 10, 24, 1.5, 4, "batch_1", seed + 1),
                        CLASSES));
    }

    static MilParameters quick(int epochs) {
        return MilParameters.published().with(Map.of("epochs", "" + epochs, "batchSize", "8", "learningRate", "0.02",
                "attentionDim", "16", "validateEvery", "2", "checkpointEvery", "2", "seed", "3"));
    }

    @Test
    void learnsFarAboveChanceAndTheUntrainedModel() throws Exception {
        MilTrainer.TrainingData d = data(10);
        List<MilTrainer.LabelledBag> test =
                SyntheticBags.labelled(SyntheticBags.sequences(4, 6, 7, 10, 24, 1.5, 3, "batch_2", 99), CLASSES);
        List<MilTrainer.EpochReport> reports = new ArrayList<>();
        MilTrainer.Result r = new MilTrainer(quick(24)).train(d, dir.resolve("run"), reports::add,
                Cancellation.none());
        double untrained;
        try (GatedAttentionMil m = GatedAttentionMil.create(CLASSES, 24, 16, 3)) {
            untrained = SyntheticBags.accuracy(m, test);
        }
        double trained;
        MilEvaluator.Report report;
        try (GatedAttentionMil m = GatedAttentionMil.of(r.best())) {
            trained = SyntheticBags.accuracy(m, test);
            report = MilEvaluator.evaluate(m, test);
        }
        assertEquals(trained, report.sequence().top1(), 1e-12);
        assertEquals(4, report.batches().size()); // one test batch per line
        assertEquals(24, report.sequences().size());
        assertTrue(report.sequence().auc() > 0.9 && report.batch().top1() >= 0.75, report.sequence().toString());
        assertTrue(trained >= 0.85, "trained accuracy " + trained);
        assertTrue(untrained <= 0.5, "untrained accuracy " + untrained);
        assertEquals(24, reports.size());
        assertTrue(reports.get(23).trainLoss() < reports.get(0).trainLoss());
        assertTrue(reports.get(1).validated() && !reports.get(0).validated());
        assertTrue(r.bestEpoch() >= 2 && r.bestEpoch() <= 24);
        for (String f : List.of(MilTrainer.BEST, MilTrainer.LAST, MilTrainer.HISTORY, MilTrainer.CHECKPOINT)) {
            assertTrue(Files.exists(r.runDir().resolve(f)), f);
        }
        assertArrayEquals(r.best().classifierWeight(),
                MilModelFile.read(r.runDir().resolve(MilTrainer.BEST)).classifierWeight());
        // memory flat over epochs: the model's manager holds the same number of arrays after every epoch
        assertEquals(1, reports.stream().skip(1).mapToInt(MilTrainer.EpochReport::liveArrays).distinct().count(),
                reports.stream().map(x -> "" + x.liveArrays()).toList().toString());
    }

    @Test
    void aResumedRunEqualsAnUninterruptedOne() throws Exception {
        MilTrainer.TrainingData d = data(20);
        MilTrainer.Result straight = new MilTrainer(quick(6)).train(d, dir.resolve("a"), MilTrainer.Listener.NONE,
                Cancellation.none());
        Cancellation cancel = new Cancellation();
        MilTrainer.Result first = new MilTrainer(quick(6)).train(d, dir.resolve("b"), rep -> {
            if (rep.epoch() == 3) {
                cancel.cancel();
            }
        }, cancel);
        assertTrue(first.cancelled());
        assertEquals(3, first.epochsDone());
        assertTrue(Files.exists(dir.resolve("b").resolve(MilTrainer.CHECKPOINT)));
        List<String> messages = new ArrayList<>();
        MilTrainer.Result resumed = new MilTrainer(quick(6)).train(d, dir.resolve("b"), new MilTrainer.Listener() {
            @Override
            public void epoch(MilTrainer.EpochReport report) {
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        }, Cancellation.none());
        assertFalse(resumed.cancelled());
        assertTrue(messages.get(0).contains("resuming"), messages.toString());
        assertEquals(6, resumed.history().size());
        for (String name : MilWeights.NAMES) {
            assertArrayEquals(straight.last().named().get(name), resumed.last().named().get(name), 1e-6f, name);
        }
        assertEquals(straight.bestEpoch(), resumed.bestEpoch());
        // other parameters cannot resume that run
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MilTrainer(
                quick(6).with("learningRate", "0.1")).train(d, dir.resolve("b"), MilTrainer.Listener.NONE,
                Cancellation.none()));
        assertTrue(e.getMessage().contains("other parameters"), e.getMessage());
    }

    @Test
    void cancelMidEpochResumesAtThatMinibatch() throws Exception {
        MilTrainer.TrainingData d = data(21); // 32 bags, batch 8: 4 minibatches per epoch
        MilTrainer.Result straight = new MilTrainer(quick(4)).train(d, dir.resolve("a"), MilTrainer.Listener.NONE,
                Cancellation.none());
        Cancellation cancel = new Cancellation();
        MilTrainer.Result first = new MilTrainer(quick(4)).train(d, dir.resolve("b"), new MilTrainer.Listener() {
            @Override
            public void epoch(MilTrainer.EpochReport report) {
            }

            @Override
            public void minibatch(int epoch, int done, int total) {
                assertEquals(4, total);
                if (epoch == 2 && done == 2) {
                    cancel.cancel();
                }
            }
        }, cancel);
        assertTrue(first.cancelled());
        assertEquals(1, first.history().size());
        MilTrainer.Result resumed = new MilTrainer(quick(4)).train(d, dir.resolve("b"), MilTrainer.Listener.NONE,
                Cancellation.none());
        for (String name : MilWeights.NAMES) {
            assertArrayEquals(straight.last().named().get(name), resumed.last().named().get(name), 1e-6f, name);
        }
        assertEquals(straight.history().get(1).trainLoss(), resumed.history().get(1).trainLoss(), 1e-6,
                "epoch 2's loss sums the minibatches before and after the cancel");
    }

    @Test
    void oneTrainingPerProcess() throws Exception {
        MilTrainer.TrainingData d = data(30);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new MilTrainer(quick(2)).train(d, dir.resolve("x"), rep -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }, Cancellation.none());
            } catch (Throwable ex) {
                failure.set(ex);
            }
        });
        t.start();
        inside.await();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MilTrainer(quick(2)).train(d,
                dir.resolve("y"), MilTrainer.Listener.NONE, Cancellation.none()));
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        release.countDown();
        t.join();
        assertEquals(null, failure.get());
    }

    @Test
    void badInputIsRefusedClearly() {
        MilTrainer.TrainingData d = data(40);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> new MilTrainer(quick(2))
                .train(new MilTrainer.TrainingData(List.of("A"), d.train(), List.of()), dir.resolve("z"),
                        MilTrainer.Listener.NONE, Cancellation.none()));
        assertTrue(one.getMessage().contains("at least two classes"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new MilTrainer(quick(2))
                .train(new MilTrainer.TrainingData(CLASSES, List.of(), List.of()), dir.resolve("z"),
                        MilTrainer.Listener.NONE, Cancellation.none()));
        assertTrue(empty.getMessage().contains("no training bags"));
        List<MilTrainer.LabelledBag> mixed = new ArrayList<>(d.train());
        mixed.addAll(SyntheticBags.labelled(SyntheticBags.sequences(4, 1, 4, 10, 12, 1, 4, "batch_9", 1), CLASSES));
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> new MilTrainer(quick(2))
                .train(new MilTrainer.TrainingData(CLASSES, mixed, List.of()), dir.resolve("z"),
                        MilTrainer.Listener.NONE, Cancellation.none()));
        assertTrue(dim.getMessage().contains("input dim mismatch"), dim.getMessage());
    }
}
