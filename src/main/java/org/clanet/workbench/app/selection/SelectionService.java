package org.clanet.workbench.app.selection;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.clanet.workbench.app.util.LruCache;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.ImageReadException;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResults;
import org.clanet.workbench.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "mask and patches of this frame under these parameters", on any background thread: from the workspace
 * when it holds a fresh result for exactly these parameters (the stage's own cache key), else computed live with
 * {@link PatchSelector}. Results are cached per frame + parameters in a bounded LRU cache. Never throws: an
 * unreadable frame or an unexpected error gives a {@link FrameSelection.Source#FAILED} result with the reason.
 */
public final class SelectionService {

    private static final Logger LOG = LoggerFactory.getLogger(SelectionService.class);

    /** The preset every frame is processed with, as the selection stage does by default. */
    static final Preset PRESET = Preset.AUTO;

    /** Decodes a frame to its processed (preset-applied) image. */
    @FunctionalInterface
    public interface ProcessedLoader {
        GrayImage load(Path file) throws ImageReadException;
    }

    private final LruCache<String, FrameSelection> cache;
    private final ProcessedLoader loader;

    public SelectionService(long maxCachedBytes) {
        this(maxCachedBytes, f -> ImageLoader.loadProcessed(f, PRESET));
    }

    public SelectionService(long maxCachedBytes, ProcessedLoader loader) {
        this.cache = new LruCache<>(maxCachedBytes, FrameSelection::weight);
        this.loader = loader;
    }

    /**
     * The in-memory cache key of a frame's result: the file (path, size, modification time: a replaced file misses),
     * the preset the loader applies and the parameters. One {@code stat}.
     */
    static String key(Frame f, SelectionParameters p) {
        // The stage's own key (parameters that change results, preset, file fingerprint); minPatches only changes
        // the note a result carries, so it is appended rather than part of the result's identity.
        return SelectionResults.key(null, f, p, PRESET) + "/min" + p.minPatches();
    }

    /** The cached result, or null. */
    public FrameSelection cached(Frame f, SelectionParameters p) {
        return cache.get(key(f, p));
    }

    /**
     * The frame's result (cached, stored, or computed now: call off the FX thread).
     *
     * @param root dataset root (names the frame in the workspace's cache key); may be null without a workspace
     * @param ws   the dataset's workspace, or null
     */
    public FrameSelection get(Path root, Workspace ws, Frame f, SelectionParameters p) {
        String k = key(f, p);
        FrameSelection hit = cache.get(k);
        if (hit != null) {
            return hit;
        }
        FrameSelection r = null;
        try {
            if (ws != null && root != null && !ws.isClosed()) {
                try {
                    r = stored(root, ws, f, p);
                } catch (RuntimeException e) { // workspace closed meanwhile, damaged: compute instead
                    LOG.warn("cannot read the stored selection of {}: {}", f.relativePath(), e.toString());
                }
            }
            if (r == null) {
                r = FrameSelection.live(f, p, PatchSelector.select(loader.load(f.path()), p));
            }
        } catch (ImageReadException e) {
            r = FrameSelection.failed(f, p, "cannot read the image: " + e.reason());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("selection of {} failed", f.relativePath(), e);
            r = FrameSelection.failed(f, p, "selection failed: " + e);
        }
        cache.put(k, r);
        return r;
    }

    /** The stored result when the workspace has one that is fresh for these parameters; else null. */
    static FrameSelection stored(Path root, Workspace ws, Frame f, SelectionParameters p) {
        Optional<SelectionResults.Stored> fresh = SelectionResults.fresh(ws, root, f, p, PRESET);
        if (fresh.isEmpty()) {
            return null;
        }
        SelectionResults.Stored st = fresh.get();
        List<Patch> patches = st.patches();
        String note = null;
        if (patches.isEmpty()) {
            note = "no patches stored for this frame (no cells found, or the image is too small)";
        } else if (patches.size() < p.minPatches()) {
            note = "only " + patches.size() + " patches (fewer than " + p.minPatches()
                    + "; the MIL stage skips this frame)";
        }
        if (st.mask() == null) {
            String missing = st.maskProblem().orElse("mask image missing from the workspace");
            note = note == null ? missing : note + "; " + missing;
        }
        double[] s = FrameSelection.scale(f);
        return new FrameSelection(f, p, FrameSelection.Source.WORKSPACE, st.mask(), st.width(), st.height(), s[0],
                s[1], patches, Optional.ofNullable(note), null);
    }

    /** Decodes the processed image of a frame (gallery crops). */
    public GrayImage loadProcessed(Frame f) throws ImageReadException {
        return loader.load(f.path());
    }

    /** Forgets every result (after the workspace changed). */
    public void clear() {
        cache.clear();
    }

    public int cachedResults() {
        return cache.size();
    }
}
