package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.embedding.DeviceChoice;
import org.clanet.workbench.embedding.dino.DinoListener;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.clanet.workbench.embedding.dino.DinoResult;
import org.clanet.workbench.embedding.dino.PatchSource;
import org.clanet.workbench.embedding.PatchPixels;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.TrainingGuard;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.CacheKey;
import org.clanet.workbench.workspace.RunStatus;
import org.clanet.workbench.workspace.StoredPatch;

/**
 * DINO pretraining of an encoder on the dataset's own patches, as a resumable workspace run: selection first where
 * missing, then the first {@code patchesPerFrame} stored patches of every frame (published: 10) or, with
 * {@code cropsPerFrame > 0}, that many jittered crops per frame (see {@link #autoCropsPerFrame}), then the
 * pretrainer; the teacher backbone is registered as the workspace's newest encoder. The run folder's name is the
 * key of what the run is made of (preset, parameters, the selection of every frame), so the same command after a
 * cancel or a crash resumes it from its last checkpoint.
 */
public final class Pretraining {

    /** What a pretraining produced. */
    public record Outcome(EncoderRecord encoder, DinoResult result, int patches, Path runDir) {
    }

    private Pretraining() {
    }

    /**
     * What to tell the user after a run on a CPU, or empty after a GPU run: {@code embed} and {@code train} now prefer
     * this encoder, and on a CPU the built-in texture statistics identified lines better (docs/BENCHMARKS.md).
     */
    public static java.util.Optional<String> afterCpuRunNote(Outcome o) {
        if (!o.result().device().endsWith("CPU")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("embed and train now take this encoder; on a CPU the built-in texture statistics"
                + " identified lines better in the benchmarks (--encoder texture, or Features: Texture statistics)");
    }

    /** The default preset: the published small/8 on a GPU, the CPU preset otherwise. */
    public static String defaultPreset(String device) {
        return DeviceChoice.isGpu(device) ? "small/8" : "cpu";
    }

    /** DINO trains on at least this many crops when {@link #autoCropsPerFrame} adds jittered ones. */
    public static final int AUTO_CROPS_TARGET = 10_000;
    /** At most this many jittered crops per frame (a frame's top patches shifted; more are near-duplicates). */
    public static final int MAX_CROPS_PER_FRAME = 80;
    /** Jittered crops held in memory at most (112 x 112 floats each: about 2 GB). */
    public static final int MAX_CROPS = 40_000;

    /**
     * The jittered crops per frame a preset gets by default. The published presets train on the selected patches
     * as published (0). The cpu preset on a small dataset also does, unless that leaves fewer than
     * {@link #AUTO_CROPS_TARGET} patches: then DINO's loss stays at ln K (a uniform output) and the encoder learns
     * little (docs/EMBEDDING.md), so it trains on {@code ceil(10,000 / frames)} crops per frame (at most 80), each
     * one of the frame's selected patches shifted by a random offset of up to half a patch: more distinct views of
     * the same cells.
     */
    public static int autoCropsPerFrame(String preset, int frames, int patchesPerFrame) {
        if (!"cpu".equals(preset) || frames <= 0 || (long) frames * patchesPerFrame >= AUTO_CROPS_TARGET) {
            return 0;
        }
        return Math.min(MAX_CROPS_PER_FRAME, (AUTO_CROPS_TARGET + frames - 1) / frames);
    }

    public static Outcome pretrain(Pipeline pipeline, VitConfig preset, DinoParameters params, String device,
                                   int patchesPerFrame, ProgressListener progress, Cancellation cancel)
            throws IOException {
        return pretrain(pipeline, preset, params, device, patchesPerFrame, 0, progress, cancel);
    }

    /**
     * @param cropsPerFrame 0: the first {@code patchesPerFrame} selected patches of every frame, as published;
     *                      n > 0: n crops per frame, each one of those patches shifted by a seeded random offset of
     *                      up to half a patch in x and y (inside the frame); -1: {@link #autoCropsPerFrame}
     */
    public static Outcome pretrain(Pipeline pipeline, VitConfig preset, DinoParameters params, String device,
                                   int patchesPerFrame, int cropsPerFrame, ProgressListener progress,
                                   Cancellation cancel) throws IOException {
        ProgressListener pl = progress == null ? ProgressListener.NONE : progress;
        Cancellation cx = cancel == null ? Cancellation.none() : cancel;
        try (TrainingGuard guard = TrainingGuard.acquire("DINO pretraining")) {
            List<SelectionStage.Item> frames = pipeline.frames(null);
            pipeline.ensureSelection(frames, pl, cx);
            int crops = cropsPerFrame < 0 ? autoCropsPerFrame(preset.name(), frames.size(), patchesPerFrame)
                    : cropsPerFrame;
            if (crops > 0 && (long) crops * frames.size() > MAX_CROPS) {
                int fitted = Math.max(1, MAX_CROPS / Math.max(1, frames.size()));
                pl.event(new ProgressEvent.Note(crops + " crops per frame x " + frames.size() + " frames would not fit"
                        + " in memory: " + fitted + " per frame"));
                crops = fitted;
            }
            if (crops > 0) {
                pl.event(new ProgressEvent.Note(String.format(Locale.ROOT, "DINO trains on %d jittered crops per frame"
                        + " (selected patches shifted by up to half a patch; --crops-per-frame 0 trains on the selected"
                        + " patches only, as published)", crops)));
            }
            InMemoryPatches source = InMemoryPatches.load(pipeline, frames, patchesPerFrame, crops, params.seed(),
                    pl, cx);
            if (source.size() < params.batchSize()) {
                throw new IllegalArgumentException("only " + source.size() + " patches in " + pipeline.dataset()
                        .root() + " for a batch of " + params.batchSize() + ": select patches first, or lower"
                        + " --batch");
            }
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("preset", preset.name());
            if (preset.patchSize() != presetPatchSize(preset.name())) {
                identity.put("patchSize", preset.patchSize()); // absent at the preset's own: earlier runs keep their id
            }
            identity.put("parameters", params.asMap());
            identity.put("patchesPerFrame", patchesPerFrame);
            if (crops > 0) {
                identity.put("cropsPerFrame", crops); // absent when 0: runs from before the option keep their id
            }
            identity.put("selection", pipeline.workspace().stageCache().keys(SelectionStage.STAGE).toString().hashCode());
            String id = CacheKey.of("pretrain", 1, identity).substring(0, 12);
            Path runDir = pipeline.workspace().resolveFile("pretrain/" + id);
            DinoPretrainer trainer = new DinoPretrainer(preset, params, device);
            double perStep = trainer.estimateSecondsPerStep(source);
            int steps = trainer.stepsPerEpoch(source.size());
            pl.event(new ProgressEvent.Note(String.format(Locale.ROOT,
                    "%s on %s: %d patches, %d steps per epoch; a step takes %.2f s here, so about %s per epoch and %s"
                            + " for %d epochs", preset.describe(), trainer.deviceDescription(), source.size(), steps,
                    perStep, human(perStep * steps), human(perStep * steps * params.epochs()), params.epochs())));
            long run = pipeline.workspace().runLog().startRun("pretrain", Json.MAPPER.writeValueAsString(
                    Map.of("run", id, "identity", identity, "device", trainer.deviceDescription())));
            DinoResult r;
            try {
                r = trainer.train(source, runDir, listener(pl), cx);
            } catch (IOException | RuntimeException e) {
                pipeline.workspace().runLog().finishRun(run, RunStatus.FAILED, String.valueOf(e.getMessage()));
                throw e;
            }
            if (!r.finished()) {
                pipeline.workspace().runLog().finishRun(run, RunStatus.CANCELLED, "after " + r.epochsDone()
                        + " epochs; the same command resumes");
                throw new CancellationException("cancelled after " + r.epochsDone() + " epochs; the same command"
                        + " resumes from the checkpoint");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("preset", preset.name());
            details.put("epochs", r.epochsDone());
            details.put("finalLoss", r.epochLosses().isEmpty() ? null : r.epochLosses().get(r.epochLosses().size()
                    - 1));
            details.put("device", r.device());
            details.put("patches", source.size());
            details.put("cropsPerFrame", crops);
            details.put("run", id);
            EncoderRecord enc = new EncoderRegistry(pipeline.workspace()).register(r.encoder(),
                    "DINO " + preset.name() + " · " + r.epochsDone() + " epochs", "pretrained", details);
            pipeline.workspace().runLog().finishRun(run, RunStatus.SUCCEEDED, "encoder " + enc.id());
            return new Outcome(enc, r, source.size(), runDir);
        }
    }

    private static DinoListener listener(ProgressListener pl) {
        return new DinoListener() {
            @Override
            public void onStep(Step s) {
                long total = (long) s.epochs() * s.stepsPerEpoch();
                long done = (long) s.epoch() * s.stepsPerEpoch() + s.step() + 1;
                pl.update(done, total, "epoch " + (s.epoch() + 1) + "/" + s.epochs() + " step " + (s.step() + 1)
                        + "/" + s.stepsPerEpoch());
                double x = s.epoch() + (s.step() + 1.0) / s.stepsPerEpoch();
                pl.event(new ProgressEvent.Scalars("step", x, Map.of("loss", s.loss(), "lr", s.lr(),
                        "wd", s.weightDecay(), "momentum", s.momentum())));
            }

            @Override
            public void onEpoch(Epoch e) {
                pl.event(new ProgressEvent.Scalars("epoch", e.epoch() + 1, Map.of("loss", e.meanLoss(),
                        "seconds", e.seconds(), "rss_mb", e.rssBytes() / 1e6, "live_arrays", (double) e.liveArrays())));
            }
        };
    }

    static String human(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }

    /** The training patches, cropped once (as the published dataset loads its patch crops). */
    static final class InMemoryPatches implements PatchSource {
        private final List<float[]> patches;

        private InMemoryPatches(List<float[]> patches) {
            this.patches = patches;
        }

        static InMemoryPatches load(Pipeline p, List<SelectionStage.Item> frames, int perFrame, int cropsPerFrame,
                                    long seed, ProgressListener pl, Cancellation cancel) throws IOException {
            List<float[]> out = new ArrayList<>();
            int done = 0;
            for (SelectionStage.Item f : frames) {
                cancel.throwIfCancelled();
                List<StoredPatch> stored = p.workspace().patches().get(f.relPath());
                if (!stored.isEmpty()) {
                    GrayImage img = ImageLoader.loadProcessed(f.file(), p.preset());
                    List<StoredPatch> top = stored.subList(0, Math.min(perFrame, stored.size()));
                    if (cropsPerFrame > 0) {
                        // seeded per frame (its path), so the same run loads the same crops when it resumes
                        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + f.relPath().hashCode());
                        for (int c = 0; c < cropsPerFrame; c++) {
                            out.add(jittered(img, top.get(rng.nextInt(top.size())), rng));
                        }
                    } else {
                        for (StoredPatch s : top) {
                            out.add(PatchPixels.crop(img, s.x(), s.y(), s.w(), s.h(), 112));
                        }
                    }
                }
                pl.update(++done, frames.size(), "loading patches");
            }
            return new InMemoryPatches(out);
        }

        /** The patch's box shifted by up to half its size in x and y, kept inside the frame. */
        static float[] jittered(GrayImage img, StoredPatch s, SplittableRandom rng) {
            return PatchPixels.jittered(img, s.x(), s.y(), s.w(), s.h(), 112, rng);
        }

        @Override
        public int size() {
            return patches.size();
        }

        @Override
        public float[] patch(int index) {
            return patches.get(index);
        }
    }

    /** The named preset's patch size, or -1 for a name that is not a preset. */
    private static int presetPatchSize(String name) {
        try {
            return VitConfig.preset(name).patchSize();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
