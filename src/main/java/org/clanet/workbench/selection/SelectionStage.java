package org.clanet.workbench.selection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.io.AtomicFiles;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.Shard;
import org.clanet.workbench.pipeline.stage.ItemOutcome;
import org.clanet.workbench.pipeline.stage.PrefetchingStage;
import org.clanet.workbench.pipeline.stage.ResultSink;
import org.clanet.workbench.pipeline.stage.RunOptions;
import org.clanet.workbench.pipeline.stage.RunSummary;
import org.clanet.workbench.pipeline.stage.StageKeys;
import org.clanet.workbench.pipeline.stage.StageRunner;
import org.clanet.workbench.workspace.InputFingerprint;
import org.clanet.workbench.workspace.PatchStore;
import org.clanet.workbench.workspace.RunRecord;
import org.clanet.workbench.workspace.RunStatus;
import org.clanet.workbench.workspace.StoredFrame;
import org.clanet.workbench.workspace.StoredMask;
import org.clanet.workbench.workspace.StoredPatch;
import org.clanet.workbench.workspace.Workspace;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The mask + patch-selection stage, one {@link ItemStage} per frame run by the shared {@link StageRunner}
 * (bounded parallelism, fresh frames skipped, grouped commits, failures noted, progress, cancel, resume).
 *
 * <p>With a workspace, each frame's patches and mask (PNG) are stored in one transaction with the frame's key:
 * the result parameters, the preset and the file's size and modification time. A frame whose key is still fresh
 * is skipped, so a second run (or a run after a cancel or crash) only does what is missing and a change of
 * parameters re-runs everything. The scanned frames' metadata (line, batch, sequence, time, well) is recorded
 * too, so later stages get their bags from the workspace. With an export folder,
 * {@code OUT/masks/<relative path>.png} (extension replaced, 0/255, processed size) and {@code OUT/patches.json}
 * are written.
 */
public final class SelectionStage implements PrefetchingStage<SelectionStage.Item, GrayImage, SelectionStage.Computed> {

    /** Stage name in the workspace (same as {@link PatchStore#STAGE}). */
    public static final String STAGE = PatchStore.STAGE;
    /** Bump when the code changes results for the same parameters. */
    public static final int STAGE_VERSION = 1;

    /**
     * One frame: the file, its path relative to the dataset folder ('/' separators), and what the scan knows of it
     * (null when the frame did not come from a scan).
     */
    public record Item(Path file, String relPath, StoredFrame scanned) {
        public Item {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(relPath, "relPath");
        }

        public Item(Path file, String relPath) {
            this(file, relPath, null);
        }
    }

    /** A frame's result and its encoded mask. */
    public record Computed(SelectionResult result, byte[] png) {
    }

    /** What happened to one frame. */
    public enum Status { PROCESSED, FRESH, FAILED }

    /** Outcome of one frame. */
    public record ItemResult(String relPath, Status status, int patches, Optional<String> note, double millis) {
    }

    /** Outcome of a run. */
    public record Summary(int total, int processed, int fresh, int failed, List<ItemResult> items,
                          Optional<Path> patchesJson, int outsideShard) {
        public long withNotes() {
            return items.stream().filter(i -> i.note().isPresent()).count();
        }

        public boolean complete() {
            return failed == 0;
        }
    }

    private final SelectionParameters params;
    private final Preset preset;
    private final int threads;
    private Path root;
    private boolean encode = true;

    public SelectionStage(SelectionParameters params, Preset preset, int threads) {
        this.params = Objects.requireNonNull(params, "params");
        this.preset = Objects.requireNonNull(preset, "preset");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        this.threads = threads;
    }

    /**
     * The frames of a scanned dataset, in the scan's order (cell line, batch, sequence, time): what the command line
     * and the workbench select, so both process the same files (the scanner's rules decide what a frame is, which
     * files are skipped and which of two files of the same position and time is kept).
     */
    public static List<Item> itemsOf(Dataset dataset) {
        List<Item> out = new ArrayList<>();
        dataset.sequences().forEach(s -> {
            for (Frame f : s.frames()) {
                out.add(new Item(f.path(), f.relativePath(), new StoredFrame(f.relativePath(), s.cellLine(),
                        s.batch(), s.id(), f.time().totalMinutes(), f.header().width(), f.header().height(),
                        f.header().bitDepth(), s.well().orElse(null))));
            }
        });
        return out;
    }

    // ---- ItemStage

    @Override
    public String name() {
        return STAGE;
    }

    @Override
    public int version() {
        return STAGE_VERSION;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>(params.resultMap());
        p.put("preset", preset.name());
        return p;
    }

    @Override
    public Map<String, Object> runParameters() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("preset", preset.name());
        doc.put("parameters", params.asMap());
        return doc;
    }

    @Override
    public String itemNoun() {
        return "frames";
    }

    @Override
    public String itemKey(Item item) {
        return item.relPath();
    }

    @Override
    public String cacheKey(Item item) {
        return cacheKey(root, item);
    }

    /** The cache key of one frame under these parameters (those that change masks or patches). */
    public String cacheKey(Path datasetRoot, Item item) {
        InputFingerprint f = datasetRoot == null ? InputFingerprint.of(item.file())
                : InputFingerprint.of(datasetRoot, item.file());
        return StageKeys.of(this, List.of(f));
    }

    @Override
    public GrayImage read(Item it) throws IOException {
        return ImageLoader.loadProcessed(it.file(), preset);
    }

    @Override
    public Computed compute(Item it, GrayImage img, Cancellation cancel) {
        SelectionResult r = PatchSelector.select(img, params);
        return new Computed(r, encode ? encodePng(r.mask(), r.width(), r.height()) : null);
    }

    @Override
    public void store(Workspace ws, Item item, String cacheKey, Computed c) {
        ws.patches().store(item.relPath(), toStored(c.result().patches()),
                new StoredMask(c.result().width(), c.result().height(), c.png()));
    }

    @Override
    public Optional<String> note(Computed c) {
        return c.result().note();
    }

    @Override
    public int count(Computed c) {
        return c.result().patches().size();
    }

    // ---- running

    /**
     * Runs the stage over every frame.
     *
     * @param root      dataset folder the relative paths are relative to (for cache keys)
     * @param items     frames
     * @param workspace where results are stored and freshness is checked; may be null
     * @param exportDir where masks and patches.json are exported; may be null
     * @throws CancellationException when cancelled (what was stored so far stays, a re-run resumes)
     */
    public Summary run(Path root, List<Item> items, Workspace workspace, Path exportDir, ProgressListener progress,
                       Cancellation cancel) throws IOException {
        return run(root, items, workspace, exportDir, Shard.ALL, progress, cancel);
    }

    /** {@link #run(Path, List, Workspace, Path, ProgressListener, Cancellation)} for one shard of the frames. */
    public Summary run(Path root, List<Item> items, Workspace workspace, Path exportDir, Shard shard,
                       ProgressListener progress, Cancellation cancel) throws IOException {
        Objects.requireNonNull(items, "items");
        this.root = root;
        this.encode = workspace != null || exportDir != null;
        OpenCvSupport.load();
        if (threads > 1) {
            Core.setNumThreads(1); // parallel over frames; OpenCV's own threads would oversubscribe
        }
        if (workspace != null) {
            List<StoredFrame> scanned = items.stream().map(Item::scanned).filter(Objects::nonNull).toList();
            workspace.frames().putAll(scanned);
        }
        Export export = exportDir == null ? null : new Export(workspace, exportDir);
        RunSummary rs = StageRunner.run(this, items, workspace, RunOptions.threads(threads).withShard(shard),
                export, progress, cancel);
        Optional<Path> json = Optional.empty();
        Map<String, String> notes = new TreeMap<>();
        for (ItemOutcome o : rs.items()) {
            o.note().ifPresent(n -> notes.put(o.itemKey(),
                    o.status() == ItemOutcome.Status.FAILED ? "failed: " + n : n));
        }
        if (export != null) {
            Path out = exportDir.resolve("patches.json");
            writePatchesJson(out, export.patches);
            if (!notes.isEmpty()) {
                AtomicFiles.writeString(exportDir.resolve("notes.json"), Json.PRETTY.writeValueAsString(notes));
            }
            json = Optional.of(out);
        }
        List<ItemResult> results = new ArrayList<>();
        for (ItemOutcome o : rs.items()) {
            int n = o.count();
            if (o.status() == ItemOutcome.Status.FRESH && workspace != null) {
                n = workspace.patches().get(o.itemKey()).size();
            }
            results.add(new ItemResult(o.itemKey(), Status.valueOf(o.status().name()), Math.max(n, 0), o.note(),
                    o.millis()));
        }
        return new Summary(rs.total(), rs.processed(), rs.fresh(), rs.failed(), List.copyOf(results), json,
                rs.outsideShard());
    }

    /** Writes exported masks as frames pass and collects patches for {@code patches.json}. */
    private static final class Export implements ResultSink<Item, Computed> {
        private final Workspace ws;
        private final Path dir;
        private final Map<String, List<Patch>> patches = new TreeMap<>();

        Export(Workspace ws, Path dir) {
            this.ws = ws;
            this.dir = dir;
        }

        @Override
        public void processed(Item it, Computed c) throws IOException {
            AtomicFiles.write(exportMaskPath(dir, it.relPath()), c.png());
            patches.put(it.relPath(), c.result().patches());
        }

        @Override
        public void fresh(Item it) throws IOException {
            Optional<StoredMask> mask = ws.patches().mask(it.relPath());
            if (mask.isPresent()) {
                AtomicFiles.write(exportMaskPath(dir, it.relPath()), mask.get().png());
            }
            patches.put(it.relPath(), fromStored(ws.patches().get(it.relPath())));
        }
    }

    /** Stored rows of patches, in rank order. */
    public static List<StoredPatch> toStored(List<Patch> patches) {
        List<StoredPatch> out = new ArrayList<>(patches.size());
        for (Patch p : patches) {
            out.add(new StoredPatch(p.rank(), p.x(), p.y(), p.w(), p.h(), p.confluency()));
        }
        return out;
    }

    /** Patches from stored rows. */
    public static List<Patch> fromStored(List<StoredPatch> stored) {
        List<Patch> out = new ArrayList<>(stored.size());
        for (StoredPatch s : stored) {
            out.add(new Patch(s.rank(), s.x(), s.y(), s.w(), s.h(), s.confluency()));
        }
        return out;
    }

    /** The run's parameters as recorded in the run log: {@code {"preset": ..., "parameters": {...}, ...}}. */
    String runParametersJson() {
        return StageRunner.runRecordJsonForTests(this, RunOptions.threads(threads));
    }

    /**
     * The parameters of the latest selection run that finished or was cancelled in this workspace, so a reopened
     * dataset shows what its stored results were made with. Empty when none, or when they no longer parse.
     */
    public static Optional<SelectionParameters> lastParameters(Workspace workspace) {
        List<RunRecord> runs = workspace.runLog().runs();
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i);
            if (!r.stage().equals(STAGE)
                    || (r.status() != RunStatus.SUCCEEDED && r.status() != RunStatus.CANCELLED)) {
                continue;
            }
            try {
                var node = Json.MAPPER.readTree(r.parametersJson()).path("parameters");
                SelectionParameters p = SelectionParameters.defaults();
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    p = p.with(e.getKey(), e.getValue().asText());
                }
                return Optional.of(p);
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty(); // written by another version: fall back to the defaults
            }
        }
        return Optional.empty();
    }

    /** {@code OUT/masks/<relative path with its extension replaced by .png>}. */
    public static Path exportMaskPath(Path exportDir, String relPath) {
        String noExt = relPath.replaceAll("\\.[^./]+$", "");
        return exportDir.resolve("masks").resolve(noExt + ".png");
    }

    /** {@code {"<rel path>": [[x, y, w, h, confluency], ...]}}, keys sorted, patches in rank order. */
    static void writePatchesJson(Path out, Map<String, List<Patch>> patches) throws IOException {
        Map<String, List<List<Number>>> doc = new TreeMap<>();
        for (Map.Entry<String, List<Patch>> e : patches.entrySet()) {
            List<List<Number>> rows = new ArrayList<>();
            for (Patch p : e.getValue()) {
                rows.add(List.of(p.x(), p.y(), p.w(), p.h(), p.confluency()));
            }
            doc.put(e.getKey(), rows);
        }
        AtomicFiles.writeString(out, Json.MAPPER.writeValueAsString(doc));
    }

    /** 8-bit gray PNG of a 0/255 mask. */
    public static byte[] encodePng(byte[] mask, int w, int h) {
        OpenCvSupport.load();
        Mat m = new Mat(h, w, CvType.CV_8U);
        MatOfByte buf = new MatOfByte();
        try {
            m.put(0, 0, mask);
            if (!Imgcodecs.imencode(".png", m, buf)) {
                throw new IllegalStateException("PNG encoding failed");
            }
            return buf.toArray();
        } finally {
            m.release();
            buf.release();
        }
    }
}
