package org.clanet.workbench.app.selection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clanet.workbench.app.navigator.Badge;
import org.clanet.workbench.app.navigator.BadgeProvider;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResults;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;

/**
 * Navigator badges from the workspace: which sequences the selection stage has processed for all their frames
 * (green), for some (amber), or none (no badge). {@link #compute} reads the workspace (background); {@link #set} publishes on
 * the FX thread; {@link #badges} answers from memory.
 */
public final class PatchBadges implements BadgeProvider {

    public static final String ICON_ALL = "mdi2v-view-grid";
    public static final String ICON_SOME = "mdi2v-view-grid-outline";

    /**
     * Frames of a sequence the selection stage has processed (a stored result, with or without patches: a frame
     * without cells is done too), of all its frames.
     */
    public record Coverage(int done, int frames, int stale) {
        public Coverage(int done, int frames) {
            this(done, frames, 0);
        }

        public boolean all() {
            return frames > 0 && done == frames;
        }
    }

    private Map<String, Coverage> coverage = Map.of();

    /**
     * Coverage per sequence id (call off the FX thread): a frame counts when the workspace's stage cache records it
     * done for {@link PatchStore#STAGE}, under whichever parameters it was last applied with. One query of the
     * stage cache's keys; no patch rows are read.
     */
    public static Map<String, Coverage> compute(Dataset d, Workspace ws) {
        if (d == null || ws == null || ws.isClosed()) {
            return Map.of();
        }
        Set<String> done = doneFrames(ws);
        // Stale: done, but under a key other than the one the latest applied parameters give now (another
        // parameter, or the file changed since). One stat per done frame.
        SelectionParameters current = SelectionStage.lastParameters(ws).orElse(SelectionParameters.defaults());
        Set<String> stale = SelectionResults.staleFrames(ws, d.root(),
                d.frames().filter(f -> done.contains(f.relativePath())).toList(), current, SelectionService.PRESET);
        Map<String, Coverage> out = new HashMap<>();
        d.sequences().forEach(s -> {
            int n = 0;
            int old = 0;
            for (Frame f : s.frames()) {
                if (done.contains(f.relativePath())) {
                    n++;
                    if (stale.contains(f.relativePath())) {
                        old++;
                    }
                }
            }
            out.put(s.id(), new Coverage(n, s.size(), old));
        });
        return out;
    }

    /** Relative paths of the frames recorded done for the selection stage. */
    static Set<String> doneFrames(Workspace ws) {
        return SelectionResults.doneFrames(ws);
    }

    public void set(Map<String, Coverage> c) {
        coverage = Map.copyOf(c);
    }

    public Coverage coverage(Sequence s) {
        return coverage.getOrDefault(s.id(), new Coverage(0, s.size()));
    }

    @Override
    public List<Badge> badges(Sequence s) {
        Coverage c = coverage.get(s.id());
        if (c == null || c.done() == 0) {
            return List.of();
        }
        if (c.stale() > 0) {
            return List.of(new Badge(ICON_SOME, c.stale() + " of " + c.frames() + " frames were selected with other"
                    + " parameters or have changed on disk: Apply to dataset to refresh them (and what is built on"
                    + " them)", "badge-warn"));
        }
        if (c.all()) {
            return List.of(new Badge(ICON_ALL, "Patches selected for all " + c.frames() + " frames", "badge-ok"));
        }
        return List.of(new Badge(ICON_SOME, "Patches selected for " + c.done() + " of " + c.frames()
                + " frames", "badge-warn"));
    }

    /** How many sequences have patches for every frame / some frames (summary line). */
    public int[] totals() {
        int all = 0;
        int some = 0;
        for (Coverage c : coverage.values()) {
            if (c.all()) {
                all++;
            } else if (c.done() > 0) {
                some++;
            }
        }
        return new int[] {all, some};
    }

    /** Snapshot for tests. */
    public Map<String, Coverage> coverageMap() {
        return new HashMap<>(coverage);
    }
}
