package org.clanet.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session-log window reads only the end of the log, backwards from the end of the file. */
class WorkbenchLogTailTest {

    @TempDir
    Path tmp;

    @Test
    void aLongLogShowsItsLastLines() throws Exception {
        Path log = tmp.resolve("session.log");
        String all = IntStream.range(0, 50_000).mapToObj(i -> "line " + i + " · ünïcode " + "x".repeat(i % 50))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(log, all, StandardCharsets.UTF_8);
        String shown = WorkbenchWindow.readLog(log);
        List<String> lines = shown.lines().toList();
        assertEquals(WorkbenchWindow.LOG_LINES, lines.size());
        assertTrue(lines.get(0).startsWith("line " + (50_000 - WorkbenchWindow.LOG_LINES) + " "), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("line 49999 "), lines.get(lines.size() - 1));
        assertEquals(all.substring(all.indexOf(lines.get(0))), shown + "\n");
    }

    @Test
    void shortLogsAndTheByteLimit() throws Exception {
        Path log = tmp.resolve("short.log");
        Files.writeString(log, "a\nb\nc", StandardCharsets.UTF_8);
        assertEquals("a\nb\nc", WorkbenchWindow.tail(log, 10, 1 << 20));
        assertEquals("b\nc", WorkbenchWindow.tail(log, 2, 1 << 20));
        Files.writeString(log, "", StandardCharsets.UTF_8);
        assertEquals("", WorkbenchWindow.tail(log, 10, 1 << 20));
        Files.writeString(log, "x".repeat(200_000) + "\nlast\n", StandardCharsets.UTF_8);
        assertEquals("last", WorkbenchWindow.tail(log, 10, 1000), "at most about maxBytes are read");
    }
}
