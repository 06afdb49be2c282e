package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.clanet.workbench.embedding.dino.DinoListener;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.clanet.workbench.embedding.dino.DinoResult;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny DINO run on synthetic patches: learns, cancels, resumes exactly, keeps memory flat, runs alone. */
class DinoPretrainerTest {

    static final VitConfig TINY = new VitConfig("test-tiny", 16, 32, 2, 2, 4, 224, 0.1, 64, 32, 256);
    static final SyntheticPatches DATA = new SyntheticPatches(32, 3);

    @TempDir
    Path tmp;

    static DinoParameters params(int epochs) {
        return DinoParameters.published().with("epochs", epochs).with("batch_size", 8).with("lr", 0.02)
                .with("local_crops_number", 4).with("warmup_teacher_temp_epochs", 0);
    }

    /**
     * From DINO's initialisation the loss first RISES (student and teacher start identical and collapsed;
     * centring spreads the teacher's targets), so a few full-DINO steps cannot show descent. With the
     * teacher and centre held fixed (momentum_teacher = 1, center_momentum = 1) the same code path is pure
     * distillation and its loss must fall: gradients, loss and AdamW work. Learning of the full method is
     * shown by the k-NN benchmark (docs/EMBEDDING.md).
     */
    @Test
    void lossDecreasesAndMemoryStaysFlat() throws Exception {
        DinoParameters fixedTeacher = params(4).with("momentum_teacher", 1).with("center_momentum", 1)
                .with("freeze_last_layer", 0);
        DinoPretrainer t = new DinoPretrainer(TINY, fixedTeacher, Device.cpu());
        List<DinoListener.Epoch> epochs = new ArrayList<>();
        List<Double> stepLoss = new ArrayList<>();
        DinoResult r = t.train(DATA, tmp.resolve("run"), new DinoListener() {
            @Override
            public void onStep(Step s) {
                stepLoss.add(s.loss());
                assertTrue(s.lr() > 0 && s.momentum() >= 0.996 - 1e-9 && s.weightDecay() >= 0.04 - 1e-9, s.toString());
            }

            @Override
            public void onEpoch(Epoch e) {
                epochs.add(e);
            }
        }, Cancellation.none());
        assertTrue(r.finished());
        assertEquals(4, r.epochLosses().size());
        System.out.println("tiny DINO epoch losses " + r.epochLosses() + " live arrays "
                + epochs.stream().map(DinoListener.Epoch::liveArrays).toList());
        assertTrue(r.epochLosses().get(3) < r.epochLosses().get(0) - 0.3,
                "loss must fall: " + r.epochLosses());
        // no NDArray left behind per step or epoch
        assertEquals(epochs.get(1).liveArrays(), epochs.get(3).liveArrays(), "live NDArrays grow per epoch");
        assertTrue(Files.exists(r.encoder()));
        EncoderWeights w = EncoderWeights.read(r.encoder(), OptionalInt.empty());
        assertEquals(t.config(), w.config());
        assertTrue(Files.readString(tmp.resolve("run").resolve(DinoPretrainer.LOG)).lines().count() == 4);
    }

    @Test
    void cancelMidEpochThenResumeEqualsAnUninterruptedRun() throws Exception {
        DinoParameters p = params(2);
        DinoResult straight = new DinoPretrainer(TINY, p, Device.cpu()).train(DATA, tmp.resolve("a"),
                DinoListener.NONE, Cancellation.none());

        Cancellation cancel = new Cancellation();
        Path b = tmp.resolve("b");
        DinoResult first = new DinoPretrainer(TINY, p, Device.cpu()).train(DATA, b, new DinoListener() {
            @Override
            public void onStep(Step s) {
                if (s.epoch() == 0 && s.step() == 1) {
                    cancel.cancel();
                }
            }
        }, cancel);
        assertFalse(first.finished());
        assertEquals(0, first.epochsDone());
        assertTrue(Files.readString(b.resolve(DinoPretrainer.STATE)).contains("\"step\" : 2"));
        int[] resumedAt = new int[2];
        DinoResult resumed = new DinoPretrainer(TINY, p, Device.cpu()).train(DATA, b, new DinoListener() {
            @Override
            public void onStart(String d, int epoch, int step) {
                resumedAt[0] = epoch;
                resumedAt[1] = step;
            }
        }, Cancellation.none());
        assertArrayEquals(new int[] {0, 2}, resumedAt, "resumes at the step after the cancel");
        assertTrue(resumed.finished());
        assertEquals(straight.epochLosses(), resumed.epochLosses(), "same losses as the uninterrupted run");
        Map<String, float[]> x = EncoderWeights.read(straight.encoder(), OptionalInt.empty()).weights();
        Map<String, float[]> y = EncoderWeights.read(resumed.encoder(), OptionalInt.empty()).weights();
        for (String k : x.keySet()) {
            assertArrayEquals(x.get(k), y.get(k), "teacher " + k + " identical after resume");
        }
        // a resume with other parameters is refused with a message
        DinoPretrainer other = new DinoPretrainer(TINY, p.with("lr", 0.5), Device.cpu());
        Exception e = assertThrows(java.io.IOException.class,
                () -> other.train(DATA, b, DinoListener.NONE, Cancellation.none()));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
    }

    @Test
    void oneTrainingPerProcessAndTooFewPatches() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Cancellation cancel = new Cancellation();
        Thread th = new Thread(() -> {
            try {
                new DinoPretrainer(TINY, params(1), Device.cpu()).train(DATA, tmp.resolve("bg"), new DinoListener() {
                    @Override
                    public void onStep(Step s) {
                        started.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                        cancel.cancel();
                    }
                }, cancel);
            } catch (Exception ex) {
                ex.printStackTrace();
            } finally {
                started.countDown();
            }
        });
        th.start();
        assertTrue(started.await(120, java.util.concurrent.TimeUnit.SECONDS), "background training never stepped");
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                new DinoPretrainer(TINY, params(1), Device.cpu()).train(DATA, tmp.resolve("fg"), DinoListener.NONE,
                        Cancellation.none()));
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        release.countDown();
        th.join();
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () ->
                new DinoPretrainer(TINY, params(1), Device.cpu()).train(new SyntheticPatches(3, 1), tmp.resolve("few"),
                        DinoListener.NONE, Cancellation.none()));
        assertTrue(few.getMessage().contains("3 patches"), few.getMessage());
    }

    @Test
    void corruptCheckpointIsReportedNotOverwritten() throws Exception {
        Path run = tmp.resolve("corrupt");
        Files.createDirectories(run);
        Path ckpt = run.resolve(DinoPretrainer.CHECKPOINT);
        Files.write(ckpt, new byte[] {0x50, 0x4b, 3, 4, 1, 2, 3});
        java.io.IOException e = assertThrows(java.io.IOException.class, () ->
                new DinoPretrainer(TINY, params(1), Device.cpu()).train(DATA, run, DinoListener.NONE, Cancellation.none()));
        assertTrue(e.getMessage().contains(ckpt.toString()), e.getMessage());
        assertEquals(7, Files.size(ckpt), "the broken checkpoint is left for the user to inspect");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () ->
                new DinoPretrainer(TINY, params(1), Device.cpu()).train(new SyntheticPatches(0, 1), tmp.resolve("empty"),
                        DinoListener.NONE, Cancellation.none()));
        assertTrue(none.getMessage().contains("0 patches"), none.getMessage());
    }

    @Test
    void parametersAreNamedAndOverridable() {
        DinoParameters p = DinoParameters.published();
        assertEquals(0.996, p.asMap().get("momentum_teacher"));
        assertEquals(256, p.batchSize());
        assertEquals(5e-5, p.scaledLr(), 1e-12);
        assertEquals(0.5, p.with("momentum_teacher", "0.5").momentumTeacher());
        assertEquals(64, p.withAll(List.of("batch_size=64")).batchSize());
        assertThrows(IllegalArgumentException.class, () -> p.with("nope", "1"));
        // cosine schedule as utils.cosine_scheduler: starts at base, ends near final
        assertEquals(0.04, DinoParameters.cosine(0.04, 0.4, 0, 100, 0, 0), 1e-12);
        assertEquals(0.4, DinoParameters.cosine(0.04, 0.4, 99, 100, 0, 0), 1e-3);
    }
}
