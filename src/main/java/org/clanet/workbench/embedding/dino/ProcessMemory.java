package org.clanet.workbench.embedding.dino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc (Linux); -1 elsewhere. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    public static long rssBytes() {
        return field("VmRSS:");
    }

    public static long peakRssBytes() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] t = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(t[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
