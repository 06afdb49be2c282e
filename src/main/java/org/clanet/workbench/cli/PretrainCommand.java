package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.flow.Pretraining;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet pretrain DIR}: a DINO encoder trained on the dataset's own patches (CLANet stage 2). */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Self-supervised DINO pretraining of a Vision Transformer on the dataset's own patches.",
            "Uses the first --patches stored patches of every frame (the selection runs first where missing), or "
                + "jittered crops of them on small datasets (--crops-per-frame). "
                + "Says how long it will take here before it starts (from a timed step), prints the loss per epoch, "
                + "checkpoints, and registers the teacher as the workspace's newest encoder. The same command after "
                + "a cancel or a crash resumes from the last checkpoint.",
            "Presets: small/8 (published), tiny/16, cpu (the default without a GPU). --param names are DINO's "
                + "(lr, minLr, weightDecay, weightDecayEnd, momentumTeacher, teacherTemp, studentTemp, "
                + "centerMomentum, freezeLastLayer, localCropsNumber, koleoWeight (0 = off, as published), "
                + "blurSigmaMax and noiseSdMax (augmentations imitating batch effects), ...; "
                + "see docs/EMBEDDING.md)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:pretrained (or found finished)", "1:refused (e.g. too few patches for a batch); the message says why", ExitCodes.USAGE_LINE, "130:cancelled; the same command resumes from the checkpoint"})
public final class PretrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Dataset folder.")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--preset", paramLabel = "NAME", description = "small/8, tiny/16 or cpu (default: small/8 on a"
            + " GPU, cpu otherwise).")
    String preset;

    @Option(names = "--patch-size", paramLabel = "P", description = "ViT patch size, 8 or 16 (default: the preset's;"
            + " cpu 16). 8 is the published ViT-S/8's: finer texture, about 3x as long per step on the cpu preset.")
    Integer patchSize;

    @Option(names = "--epochs", description = "Epochs (default: the preset's: " + DinoParameters.CPU_EPOCHS
            + " for cpu, the published 200 for small/8 and tiny/16).")
    Integer epochs;

    @Option(names = "--batch", description = "Patches per step (published 256 = 2 GPUs x 128; default 32 on the"
            + " CPU preset, else 256).")
    Integer batch;

    @Option(names = "--seed", description = "Seed (default 0).")
    Long seed;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--patches", defaultValue = "10", description = "Patches per frame (default: ${DEFAULT-VALUE}).")
    int patches;

    @Option(names = "--crops-per-frame", paramLabel = "N|auto", defaultValue = "auto", description = "Train on N"
            + " jittered crops per frame (a selected patch shifted by up to half a patch) instead of the selected"
            + " patches; 0 = the selected patches only, as published. auto (default): 0, except for the cpu preset"
            + " when the dataset has fewer than 10,000 patches (DINO collapses on fewer): then enough crops per frame"
            + " for 10,000 (at most 80).")
    String cropsPerFrame;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Override a DINO parameter.")
    List<String> params = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        String presetName = preset == null ? Pretraining.defaultPreset(deviceOption.name) : preset;
        VitConfig config;
        DinoParameters p;
        try {
            config = VitConfig.preset(presetName);
            if (patchSize != null) {
                config = config.withPatchSize(patchSize);
            }
            p = DinoParameters.forPreset(config.name());
            if (batch != null) {
                p = p.with("batchSize", String.valueOf(batch));
            }
            if (epochs != null) {
                p = p.with("epochs", String.valueOf(epochs));
            }
            if (seed != null) {
                p = p.with("seed", String.valueOf(seed));
            }
            p = p.withAll(params);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int crops;
        try {
            crops = "auto".equalsIgnoreCase(cropsPerFrame.trim()) ? -1 : Integer.parseInt(cropsPerFrame.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--crops-per-frame: '" + cropsPerFrame
                    + "' is neither a number nor auto");
        }
        if (crops < -1) {
            throw new ParameterException(spec.commandLine(), "--crops-per-frame must be >= 0 or auto");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancel = new Cancellation();
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            Dataset dataset = DatasetOpen.scan(dir, workspaceOption.path, err, cancel);
            try (Workspace ws = Workspace.open(dataset.root(), workspaceOption.path)) {
                ConsoleProgress progress = new ConsoleProgress(err, "pretrain");
                long t0 = System.nanoTime();
                Pretraining.Outcome o = Pretraining.pretrain(Pipeline.of(dataset, ws, Runtime.getRuntime()
                        .availableProcessors()), config, p, deviceOption.name, patches, crops, progress, cancel);
                progress.finish();
                out.printf(Locale.ROOT, "encoder %s: %s, %d epochs on %d patches in %.1f min, final loss %s (%s)%n",
                        o.encoder().id(), config.name(), o.result().epochsDone(), o.patches(),
                        (System.nanoTime() - t0) / 6e10, o.encoder().details().get("finalLoss"), o.result().device());
                out.printf("embed with: clanet embed %s%n", dir);
                Pretraining.afterCpuRunNote(o).ifPresent(note -> out.println("note: " + note));
                out.flush();
                return ExitCodes.OK;
            } catch (CancellationException e) {
                out.println("cancelled: " + e.getMessage());
                out.flush();
                return ExitCodes.CANCELLED;
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCodes.ERROR;
            }
        }
    }
}
