package org.clanet.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A part of the sample data with an embedded workspace (and a small trained MIL model), made with the CLI (embed,
 * then train) for the workbench's tests: the app then runs on what a user would have after the same commands.
 * The embedded copy is made once per JVM and copied for each test (embedding is the slow part).
 */
public final class TrainedSample {

    private static final Map<Integer, Path> EMBEDDED = new HashMap<>();

    private TrainedSample() {
    }

    /**
     * The first {@code frames} timepoints of every sample sequence in {@code tmp/data}, embedded with the small test
     * ViT and trained for {@code epochs} ({@code clanet train --epochs N}).
     *
     * @return the dataset folder (its workspace is {@code data/.clanet})
     */
    public static Path prepare(Path tmp, int frames, int epochs) throws Exception {
        Path data = embedded(tmp, frames);
        CliTest.Result train = CliTest.run("train", data.toString(), "--epochs", String.valueOf(epochs), "--param",
                "validateEvery=5", "--param", "minFrames=3");
        if (train.exit() != 0) {
            throw new IllegalStateException("clanet train failed: " + train.out() + train.err());
        }
        return data;
    }

    /** The same data embedded with the small test ViT, with no model. */
    public static Path embedded(Path tmp, int frames) throws Exception {
        Path master;
        synchronized (EMBEDDED) {
            master = EMBEDDED.get(frames);
            if (master == null) {
                Path dir = Files.createTempDirectory("clanet-embedded");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                master = IdentifyEndToEndTest.sample(dir, frames);
                CliTest.Result emb = CliTest.run("embed", master.toString(), "--encoder",
                        EmbedCommandTest.SMALL_VIT.toString());
                if (emb.exit() != 0) {
                    throw new IllegalStateException("clanet embed failed: " + emb.out() + emb.err());
                }
                EMBEDDED.put(frames, master);
            }
        }
        Path data = tmp.resolve("data");
        copy(master, data);
        return data;
    }

    /** The same data as it comes, with no workspace. */
    public static Path copy(Path tmp, int frames) throws Exception {
        return IdentifyEndToEndTest.sample(tmp, frames);
    }

    /** Whether the bundled sample data is there. */
    public static boolean available() {
        try {
            return Files.isDirectory(org.clanet.workbench.support.SharedData.sampleData());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (var all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
