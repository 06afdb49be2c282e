package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.mil.heatmap.FrameAttention;
import org.clanet.workbench.mil.heatmap.HeatmapExport;
import org.clanet.workbench.mil.heatmap.HeatmapStyle;
import org.clanet.workbench.mil.heatmap.PatchAttention;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.workspace.StoredPatch;
import org.clanet.workbench.workspace.Workspace;

/**
 * A prediction's attention mapped back onto frames and patch boxes: what the workbench's heatmap layer, frame strip
 * and gallery draw, and what {@code clanet predict --heatmaps} writes — one piece of code for both.
 */
public final class AttentionMaps {

    private AttentionMaps() {
    }

    /** The bag's frames in bag order, each with its patches' boxes and attention. */
    public static List<FrameAttention> frames(Workspace ws, Dataset dataset, SequencePrediction p) {
        Map<String, List<SequencePrediction.Instance>> byFrame = new LinkedHashMap<>();
        for (SequencePrediction.Instance i : p.instances()) {
            byFrame.computeIfAbsent(i.frame(), f -> new ArrayList<>()).add(i);
        }
        Map<String, Frame> frames = new LinkedHashMap<>();
        dataset.frames().forEach(f -> frames.put(f.relativePath(), f));
        List<FrameAttention> out = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<SequencePrediction.Instance>> e : byFrame.entrySet()) {
            Map<Integer, StoredPatch> boxes = new LinkedHashMap<>();
            for (StoredPatch sp : ws.patches().get(e.getKey())) {
                boxes.put(sp.rank(), sp);
            }
            List<PatchAttention> patches = new ArrayList<>();
            for (SequencePrediction.Instance i : e.getValue()) {
                StoredPatch b = boxes.get(i.rank() - 1);
                if (b != null) {
                    patches.add(new PatchAttention(i.rank() - 1, b.x(), b.y(), b.w(), b.h(), b.confluency(),
                            i.attention()));
                }
            }
            Frame f = frames.get(e.getKey());
            int[] size = f == null ? new int[] {1, 1} : Preset.AUTO.outputSize(f.header().width(), f.header().height());
            out.add(new FrameAttention(index++, e.getKey(), size[0], size[1], patches));
        }
        return out;
    }

    /** One heatmap PNG per frame, the frame strip and the attention CSV of a prediction, into {@code outDir}. */
    public static List<Path> export(Workspace ws, Dataset dataset, SequencePrediction p, Path outDir,
                                    HeatmapStyle style, Cancellation cancel) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        dataset.frames().forEach(f -> files.put(f.relativePath(), f.path()));
        List<FrameAttention> frames = frames(ws, dataset, p);
        String cls = p.unknown() ? "unknown line (nearest: " + p.predicted() + ")" : p.predicted();
        return HeatmapExport.write(outDir, p.display() == null ? p.sequence() : p.sequence(), frames,
                fa -> ImageLoader.loadProcessed(files.get(fa.name()), Preset.AUTO), style, cls,
                cancel == null ? Cancellation.none() : cancel);
    }
}
