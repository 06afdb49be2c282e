package org.clanet.workbench.app.prefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.clanet.workbench.app.util.Executors2;
import org.clanet.workbench.io.AppDirs;
import org.clanet.workbench.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the workbench remembers between sessions, in the app's JSON preferences file
 * ({@link AppDirs#preferencesFile()}, under a {@code "workbench"} key so other parts may keep their own keys):
 * last and recent datasets, window geometry, split-pane dividers, theme. A missing or unreadable file means
 * defaults; saving is atomic and keeps the other keys of the file.
 */
public final class WorkbenchPreferences {

    public static final int MAX_RECENT = 8;
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchPreferences.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String KEY = "workbench";

    public enum Theme { LIGHT, DARK }

    /** Window position and size in screen coordinates. */
    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }

    private final Path file;
    private final Executor writer;
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicReference<Snapshot> pending = new AtomicReference<>();
    private long written = -1; // the latest snapshot on disk; guarded by this
    private ObjectNode node = JSON.createObjectNode();

    private record Snapshot(long seq, ObjectNode node) {
    }

    /** Background saves on a daemon thread of their own. */
    public WorkbenchPreferences(Path file) {
        this(file, Executors2.fixed("clanet-prefs", 1));
    }

    /** @param writer where {@link #saveInBackground()} writes the file (tests: a direct or queued executor) */
    public WorkbenchPreferences(Path file, Executor writer) {
        this.file = file;
        this.writer = writer;
        ObjectNode all = readFile();
        if (all.get(KEY) instanceof ObjectNode n) {
            node = n;
        }
    }

    /** The user's preferences file. */
    public static WorkbenchPreferences load() {
        return new WorkbenchPreferences(AppDirs.current().preferencesFile());
    }

    private ObjectNode readFile() {
        if (Files.isRegularFile(file)) {
            try {
                JsonNode n = JSON.readTree(file.toFile());
                if (n instanceof ObjectNode o) {
                    return o;
                }
            } catch (IOException e) {
                LOG.warn("ignoring unreadable preferences {}: {}", file, e.getMessage());
            }
        }
        return JSON.createObjectNode();
    }

    public Path file() {
        return file;
    }

    public Optional<Path> lastDataset() {
        return Optional.ofNullable(node.path("lastDataset").textValue()).filter(s -> !s.isBlank()).map(Path::of);
    }

    public List<Path> recentDatasets() {
        List<Path> out = new ArrayList<>();
        node.path("recentDatasets").forEach(n -> {
            if (n.isTextual() && !n.textValue().isBlank() && out.size() < MAX_RECENT) {
                out.add(Path.of(n.textValue()));
            }
        });
        return out;
    }

    /** Records a dataset as opened: it becomes the last one and moves to the top of the recent list. */
    public void datasetOpened(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        node.put("lastDataset", abs.toString());
        List<Path> recent = new ArrayList<>(recentDatasets());
        recent.remove(abs);
        recent.add(0, abs);
        ArrayNode arr = node.putArray("recentDatasets");
        recent.stream().limit(MAX_RECENT).forEach(p -> arr.add(p.toString()));
    }

    public void clearRecent() {
        node.putArray("recentDatasets");
    }

    public Optional<WindowGeometry> window() {
        JsonNode w = node.path("window");
        if (!w.isObject() || !w.path("width").isNumber() || !w.path("height").isNumber()) {
            return Optional.empty();
        }
        WindowGeometry g = new WindowGeometry(w.path("x").asDouble(), w.path("y").asDouble(),
                w.path("width").asDouble(), w.path("height").asDouble(), w.path("maximized").asBoolean());
        return g.width() >= 200 && g.height() >= 150 ? Optional.of(g) : Optional.empty();
    }

    public void setWindow(WindowGeometry g) {
        ObjectNode w = node.putObject("window");
        w.put("x", g.x());
        w.put("y", g.y());
        w.put("width", g.width());
        w.put("height", g.height());
        w.put("maximized", g.maximized());
    }

    /** Divider positions of a named split pane, or empty. */
    public double[] dividers(String name) {
        JsonNode a = node.path("dividers").path(name);
        if (!a.isArray()) {
            return new double[0];
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble(-1);
            if (v[i] < 0 || v[i] > 1) {
                return new double[0];
            }
        }
        return v;
    }

    public void setDividers(String name, double[] positions) {
        ObjectNode d = node.path("dividers") instanceof ObjectNode o ? o : node.putObject("dividers");
        ArrayNode a = d.putArray(name);
        for (double p : positions) {
            a.add(Math.round(p * 10000) / 10000.0);
        }
    }

    /** A named group of plain settings (e.g. "overlays"), as text; empty when never saved. */
    public java.util.Map<String, String> section(String name) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        node.path("sections").path(name).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public void setSection(String name, java.util.Map<String, String> values) {
        ObjectNode all = node.path("sections") instanceof ObjectNode o ? o : node.putObject("sections");
        ObjectNode sec = all.putObject(name);
        values.forEach(sec::put);
    }

    public Theme theme() {
        try {
            return Theme.valueOf(node.path("theme").asText("LIGHT"));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme theme) {
        node.put("theme", theme.name());
    }

    /**
     * Writes the file now (on the caller's thread: at exit), atomically, keeping keys other parts of the app put
     * there. Failures are logged only.
     */
    public void save() {
        write(snapshot());
    }

    /**
     * Saves off the caller's thread (reading, writing and syncing the file costs milliseconds; call this from the
     * FX thread): the values are copied now and written by the writer; saves asked for while one waits are
     * coalesced into one write of the latest values.
     */
    public void saveInBackground() {
        if (pending.getAndSet(snapshot()) == null) {
            writer.execute(() -> {
                Snapshot s = pending.getAndSet(null);
                if (s != null) {
                    write(s);
                }
            });
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(snapshots.incrementAndGet(), node.deepCopy());
    }

    private synchronized void write(Snapshot s) {
        if (s.seq() <= written) {
            return; // a newer snapshot is on disk already
        }
        try {
            ObjectNode all = readFile();
            all.set(KEY, s.node());
            AtomicFiles.write(file, JSON.writeValueAsBytes(all));
            written = s.seq();
        } catch (IOException e) {
            LOG.warn("cannot save preferences {}: {}", file, e.getMessage());
        }
    }
}
