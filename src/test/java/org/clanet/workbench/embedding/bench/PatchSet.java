package org.clanet.workbench.embedding.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.embedding.PatchPixels;
import org.clanet.workbench.embedding.dino.PatchSource;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResult;

/** Top-k (default 10) selected patches of every frame of a data set, with cell line and sequence; cached as .npz. */
record PatchSet(List<float[]> patches, String[] lines, String[] sequences) implements PatchSource {

    static PatchSet load(Path dataset, Path cache) throws Exception {
        return load(dataset, cache, 10);
    }

    static PatchSet load(Path dataset, Path cache, int perFrame) throws Exception {
        if (Files.exists(cache)) {
            Map<String, NpyArray> a = Npz.read(cache);
            NpyArray p = a.get("patches");
            int n = (int) p.shape()[0];
            List<float[]> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(java.util.Arrays.copyOfRange(p.data(), i * 112 * 112, (i + 1) * 112 * 112));
            }
            return new PatchSet(list, a.get("lines").strings(), a.get("sequences").strings());
        }
        List<float[]> patches = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> seqs = new ArrayList<>();
        SelectionParameters params = SelectionParameters.defaults();
        for (Sequence s : DatasetScanner.scan(dataset).sequences().toList()) {
            for (Frame f : s.frames()) {
                GrayImage img = ImageLoader.loadProcessed(f.path(), Preset.AUTO);
                SelectionResult r = PatchSelector.select(img, params);
                List<Patch> top = r.patches().subList(0, Math.min(perFrame, r.patches().size()));
                for (Patch p : top) {
                    patches.add(PatchPixels.crop(img, p));
                    lines.add(s.cellLine());
                    seqs.add(s.id());
                }
            }
        }
        PatchSet set = new PatchSet(patches, lines.toArray(String[]::new), seqs.toArray(String[]::new));
        float[] flat = new float[patches.size() * 112 * 112];
        for (int i = 0; i < patches.size(); i++) {
            System.arraycopy(patches.get(i), 0, flat, i * 112 * 112, 112 * 112);
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        out.put("patches", NpyArray.ofFloats(flat, patches.size(), 112, 112));
        out.put("lines", NpyArray.ofStrings(set.lines, set.lines.length));
        out.put("sequences", NpyArray.ofStrings(set.sequences, set.sequences.length));
        Files.createDirectories(cache.getParent());
        Npz.write(cache, out);
        return set;
    }

    /**
     * {@code perFrame} crops of every frame, each a selected top-10 patch shifted by a seeded random offset of up to
     * half a patch in x and y (kept inside the frame): many more distinct views of the same cells, for DINO on few
     * images. Not cached.
     */
    static PatchSet jittered(Path dataset, int perFrame, long seed) throws Exception {
        List<float[]> patches = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> seqs = new ArrayList<>();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        SelectionParameters params = SelectionParameters.defaults();
        for (Sequence s : DatasetScanner.scan(dataset).sequences().toList()) {
            for (Frame f : s.frames()) {
                GrayImage img = ImageLoader.loadProcessed(f.path(), Preset.AUTO);
                SelectionResult r = PatchSelector.select(img, params);
                List<Patch> top = r.patches().subList(0, Math.min(10, r.patches().size()));
                for (int c = 0; c < perFrame && !top.isEmpty(); c++) {
                    Patch p = top.get(rng.nextInt(top.size()));
                    patches.add(PatchPixels.jittered(img, p.x(), p.y(), p.w(), p.h(), 112, rng));
                    lines.add(s.cellLine());
                    seqs.add(s.id());
                }
            }
        }
        return new PatchSet(patches, lines.toArray(String[]::new), seqs.toArray(String[]::new));
    }

    @Override
    public int size() {
        return patches.size();
    }

    @Override
    public float[] patch(int index) {
        return patches.get(index);
    }
}
