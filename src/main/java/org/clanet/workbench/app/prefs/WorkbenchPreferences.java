package org.clanet.workbench.app.prefs;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.clanet.workbench.pipeline.RuntimeSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the workbench remembers between sessions, in a small properties file in the user's data folder
 * ({@code workbench.properties} in {@link RuntimeSetup#dataHome()}): last and recent datasets, window geometry,
 * split-pane dividers, theme. A missing or unreadable file means defaults; saving is atomic.
 */
public final class WorkbenchPreferences {

    public static final int MAX_RECENT = 8;
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchPreferences.class);

    public enum Theme { LIGHT, DARK }

    /** Window position and size in screen coordinates. */
    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }

    private final Path file;
    private final Properties props = new Properties();

    public WorkbenchPreferences(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("ignoring unreadable preferences {}: {}", file, e.getMessage());
            }
        }
    }

    /** The user's preferences file in the data folder. */
    public static WorkbenchPreferences load() {
        return new WorkbenchPreferences(RuntimeSetup.dataHome().resolve("workbench.properties"));
    }

    public Path file() {
        return file;
    }

    public Optional<Path> lastDataset() {
        return Optional.ofNullable(props.getProperty("dataset.last")).filter(s -> !s.isBlank()).map(Path::of);
    }

    public List<Path> recentDatasets() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = props.getProperty("dataset.recent." + i);
            if (p != null && !p.isBlank()) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    /** Records a dataset as opened: it becomes the last one and moves to the top of the recent list. */
    public void datasetOpened(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        props.setProperty("dataset.last", abs.toString());
        List<Path> recent = new ArrayList<>(recentDatasets());
        recent.remove(abs);
        recent.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < recent.size()) {
                props.setProperty("dataset.recent." + i, recent.get(i).toString());
            } else {
                props.remove("dataset.recent." + i);
            }
        }
    }

    public void clearRecent() {
        for (int i = 0; i < MAX_RECENT; i++) {
            props.remove("dataset.recent." + i);
        }
    }

    public Optional<WindowGeometry> window() {
        try {
            double[] v = Arrays.stream(props.getProperty("window", "").split(","))
                    .mapToDouble(Double::parseDouble).toArray();
            if (v.length != 4 || v[2] < 200 || v[3] < 150) {
                return Optional.empty();
            }
            return Optional.of(new WindowGeometry(v[0], v[1], v[2], v[3],
                    Boolean.parseBoolean(props.getProperty("window.maximized"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void setWindow(WindowGeometry g) {
        props.setProperty("window", g.x() + "," + g.y() + "," + g.width() + "," + g.height());
        props.setProperty("window.maximized", Boolean.toString(g.maximized()));
    }

    /** Divider positions of a named split pane, or empty. */
    public double[] dividers(String name) {
        String s = props.getProperty("dividers." + name, "");
        if (s.isBlank()) {
            return new double[0];
        }
        try {
            double[] v = Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
            return Arrays.stream(v).allMatch(d -> d >= 0 && d <= 1) ? v : new double[0];
        } catch (NumberFormatException e) {
            return new double[0];
        }
    }

    public void setDividers(String name, double[] positions) {
        StringBuilder sb = new StringBuilder();
        for (double d : positions) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.4f", d));
        }
        props.setProperty("dividers." + name, sb.toString());
    }

    public Theme theme() {
        try {
            return Theme.valueOf(props.getProperty("theme", "LIGHT"));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme theme) {
        props.setProperty("theme", theme.name());
    }

    /** Writes the file atomically; a failure is logged, never thrown (preferences are a convenience). */
    public void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(w, "CLANet Workbench preferences");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot save preferences {}: {}", file, e.getMessage());
        }
    }
}
