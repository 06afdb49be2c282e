package org.clanet.workbench.workspace;

import org.clanet.workbench.io.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a separate JVM by {@link CrashResumeTest}: commits some work, then dies with
 * {@link Runtime#halt} in the middle of a transaction and of a file write, like a kill -9 or a power cut
 * of the app (not of the OS).
 */
final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Workspace ws = Workspace.open(Path.of(args[0]), null);
        ws.patches().put("A/committed.tif", "k-committed", List.of(new StoredPatch(0, 1, 2, 112, 112, 0.9)));
        ws.runLog().startRun("select", "{}");
        Path mask = ws.patches().maskFile("A/torn.tif");
        AtomicFiles.writeString(mask, "old mask");
        ws.runInTransaction(c -> {
            ws.patches().put("A/torn.tif", "k-torn", List.of(new StoredPatch(0, 3, 4, 112, 112, 0.7)));
            ws.markDone("embed", "seq-torn", "k-embed");
            try {
                AtomicFiles.write(mask, out -> {
                    out.write("new mask, half wri".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    System.out.println("HALTING");
                    System.out.flush();
                    Runtime.getRuntime().halt(77);
                });
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.println("NOT REACHED");
    }
}
