package org.clanet.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of the sample data with an embedded workspace and a small trained MIL model, made with the CLI (embed,
 * then train) for the workbench's tests: the app then runs on what a user would have after the same commands.
 */
public final class TrainedSample {

    private TrainedSample() {
    }

    /**
     * Copies the first {@code frames} timepoints of every sample sequence into {@code tmp/data}, embeds them with the
     * small test ViT and trains for {@code epochs}.
     *
     * @return the dataset folder (its workspace is {@code data/.clanet})
     */
    public static Path prepare(Path tmp, int frames, int epochs) throws Exception {
        Path data = IdentifyEndToEndTest.sample(tmp, frames);
        embed(data);
        CliTest.Result train = CliTest.run("train", data.toString(), "--epochs", String.valueOf(epochs), "--param",
                "validateEvery=5", "--param", "minFrames=3");
        if (train.exit() != 0) {
            throw new IllegalStateException("clanet train failed: " + train.out() + train.err());
        }
        return data;
    }

    /** The same data embedded with the small test ViT, with no model. */
    public static Path embedded(Path tmp, int frames) throws Exception {
        Path data = IdentifyEndToEndTest.sample(tmp, frames);
        embed(data);
        return data;
    }

    /** The same data as it comes, with no workspace. */
    public static Path copy(Path tmp, int frames) throws Exception {
        return IdentifyEndToEndTest.sample(tmp, frames);
    }

    private static void embed(Path data) {
        CliTest.Result emb = CliTest.run("embed", data.toString(), "--encoder", EmbedCommandTest.SMALL_VIT.toString());
        if (emb.exit() != 0) {
            throw new IllegalStateException("clanet embed failed: " + emb.out() + emb.err());
        }
    }

    /** Whether the bundled sample data is there. */
    public static boolean available() {
        try {
            return Files.isDirectory(org.clanet.workbench.support.SharedData.sampleData());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
