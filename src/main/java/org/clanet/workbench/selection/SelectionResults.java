package org.clanet.workbench.selection;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.workspace.StoredMask;
import org.clanet.workbench.workspace.Workspace;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Read-back of the selection stage's results: what the workbench (and later stages) ask of the workspace, so no
 * caller needs SQL, the file layout or the keying rule.
 */
public final class SelectionResults {

    /**
     * A frame's stored selection.
     *
     * @param mask        0/255 mask of the processed image, or null when it is missing or unreadable
     * @param maskProblem why the mask is null
     */
    public record Stored(List<Patch> patches, byte[] mask, int width, int height, Optional<String> maskProblem) {
    }

    private SelectionResults() {
    }

    /** The cache key of a frame under these parameters: the same key the stage stores and every cache uses. */
    public static String key(Path datasetRoot, Frame f, SelectionParameters p, Preset preset) {
        return new SelectionStage(p, preset, 1).cacheKey(datasetRoot, new SelectionStage.Item(f.path(),
                f.relativePath()));
    }

    /** The frame's stored result when it is fresh for exactly these parameters; else empty. */
    public static Optional<Stored> fresh(Workspace ws, Path datasetRoot, Frame f, SelectionParameters p,
                                         Preset preset) {
        String rel = f.relativePath();
        if (!ws.isFresh(SelectionStage.STAGE, rel, key(datasetRoot, f, p, preset))) {
            return Optional.empty();
        }
        return Optional.of(stored(ws, rel));
    }

    /** The frame's stored result under whatever parameters it was made with. */
    public static Stored stored(Workspace ws, String frameRelPath) {
        List<Patch> patches = SelectionStage.fromStored(ws.patches().get(frameRelPath));
        Optional<StoredMask> m = ws.patches().mask(frameRelPath);
        if (m.isEmpty()) {
            return new Stored(patches, null, 0, 0, Optional.of("mask image missing from the workspace"));
        }
        byte[] png = m.get().png();
        OpenCvSupport.load();
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_GRAYSCALE);
        try {
            if (decoded.empty()) {
                return new Stored(patches, null, 0, 0, Optional.of("stored mask image unreadable"));
            }
            int w = decoded.cols();
            int h = decoded.rows();
            byte[] mask = new byte[w * h];
            decoded.get(0, 0, mask);
            for (int i = 0; i < mask.length; i++) {
                mask[i] = (byte) (mask[i] != 0 ? 255 : 0);
            }
            return new Stored(patches, mask, w, h, Optional.empty());
        } finally {
            decoded.release();
        }
    }

    /**
     * Frames done under a key other than the one these parameters give now: made with other parameters, or the
     * file changed since. Results built on them (embeddings, predictions) are stale too, since their keys chain.
     */
    public static Set<String> staleFrames(Workspace ws, Path datasetRoot, List<Frame> frames, SelectionParameters p,
                                          Preset preset) {
        java.util.Map<String, String> stored = ws.stageCache().keys(SelectionStage.STAGE);
        SelectionStage stage = new SelectionStage(p, preset, 1);
        Set<String> out = new HashSet<>();
        for (Frame f : frames) {
            String have = stored.get(f.relativePath());
            if (have == null) {
                continue;
            }
            try {
                if (!have.equals(stage.cacheKey(datasetRoot, new SelectionStage.Item(f.path(), f.relativePath())))) {
                    out.add(f.relativePath());
                }
            } catch (RuntimeException e) {
                out.add(f.relativePath()); // vanished or unreadable: its stored result no longer matches a file
            }
        }
        return out;
    }

    /** Relative paths of the frames the selection stage has done (under any parameters). */
    public static Set<String> doneFrames(Workspace ws) {
        return new HashSet<>(ws.stageCache().keys(SelectionStage.STAGE).keySet());
    }
}
