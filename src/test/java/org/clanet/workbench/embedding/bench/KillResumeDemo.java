package org.clanet.workbench.embedding.bench;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.clanet.workbench.embedding.dino.DinoListener;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.clanet.workbench.embedding.dino.DinoResult;
import org.clanet.workbench.embedding.dino.PatchSource;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.pipeline.Cancellation;

/**
 * kill -9 mid-epoch, then resume: a child JVM trains a tiny DINO (3 epochs, checkpoint every epoch); the
 * parent SIGKILLs it during epoch 2, resumes in a second child, and compares the final teacher with an
 * uninterrupted run in a third. Usage: {@code java -cp ... KillResumeDemo WORKDIR}.
 */
public final class KillResumeDemo {

    static final VitConfig TINY = new VitConfig("demo-tiny", 16, 32, 2, 2, 4, 224, 0.1, 64, 32, 256);

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(Path.of(args[1]));
            return;
        }
        Path work = Path.of(args[0]);
        Path killed = work.resolve("killed");
        Path straight = work.resolve("straight");
        Process p = spawn(killed);
        Path state = killed.resolve(DinoPretrainer.STATE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        // wait for the epoch-1 checkpoint, then a little into epoch 2 (step log lines from the child)
        while (!(Files.exists(state) && Files.readString(state).contains("\"epoch\" : 1")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1500);
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        System.out.println("killed with exit " + p.exitValue() + "; checkpoint says: "
                + Files.readString(state).lines().filter(l -> l.contains("\"epoch\"") || l.contains("\"step\""))
                .map(String::trim).toList());
        Process resumed = spawn(killed);
        resumed.waitFor();
        Process full = spawn(straight);
        full.waitFor();
        Map<String, float[]> a = EncoderWeights.read(killed.resolve(DinoPretrainer.ENCODER), OptionalInt.empty()).weights();
        Map<String, float[]> b = EncoderWeights.read(straight.resolve(DinoPretrainer.ENCODER), OptionalInt.empty()).weights();
        boolean same = a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
        System.out.println("RESULT kill -9 mid-epoch + resume: teacher identical to the uninterrupted run: " + same);
        System.out.println("log killed+resumed:\n" + Files.readString(killed.resolve(DinoPretrainer.LOG))
                + "log uninterrupted:\n" + Files.readString(straight.resolve(DinoPretrainer.LOG)));
    }

    private static Process spawn(Path run) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true"));
        // pass the caches on only when set: "-DDJL_CACHE_DIR=null" made DJL unpack libtorch into ./null
        for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(key) != null) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KillResumeDemo.class.getName(), "child",
                run.toString()));
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    private static void child(Path run) throws Exception {
        Class<?> c = Class.forName("org.clanet.workbench.embedding.SyntheticPatches");
        var k = c.getDeclaredConstructor(int.class, long.class);
        k.setAccessible(true);
        PatchSource data = (PatchSource) k.newInstance(64, 3L);
        DinoParameters p = DinoParameters.published().with("epochs", 3).with("batch_size", 8).with("lr", 0.02)
                .with("local_crops_number", 4);
        DinoResult r = new DinoPretrainer(TINY, p, Device.cpu()).train(data, run, new DinoListener() {
            @Override
            public void onStart(String d, int epoch, int step) {
                System.out.println("child " + run.getFileName() + ": start at epoch " + epoch + " step " + step);
            }

            @Override
            public void onEpoch(Epoch e) {
                System.out.printf("child %s: epoch %d loss %.5f%n", run.getFileName(), e.epoch() + 1, e.meanLoss());
            }
        }, Cancellation.none());
        System.out.println("child " + run.getFileName() + ": finished " + r.finished());
    }
}
