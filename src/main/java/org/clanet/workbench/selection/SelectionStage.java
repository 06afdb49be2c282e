package org.clanet.workbench.selection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.workspace.AtomicFiles;
import org.clanet.workbench.workspace.CacheKey;
import org.clanet.workbench.workspace.InputFingerprint;
import org.clanet.workbench.workspace.PatchStore;
import org.clanet.workbench.workspace.RunRecord;
import org.clanet.workbench.workspace.RunStatus;
import org.clanet.workbench.workspace.StoredPatch;
import org.clanet.workbench.workspace.Workspace;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The mask + patch-selection stage over many frames: N worker threads (each with its own {@link PatchSelector}),
 * at most 2N frames in flight (bounded memory), progress per frame, cooperative cancellation between frames.
 *
 * <p>With a workspace, each frame's result (patches, and the mask as a PNG under the workspace's files) is stored
 * with a cache key of the parameters, the preset and the file's size and modification time; a frame whose key is
 * still fresh is skipped, so a second run (or a run after a cancel or crash) only does what is missing and a change
 * of parameters re-runs everything. With an export folder, {@code OUT/masks/<relative path>.png} (extension
 * replaced, 0/255, processed size) and {@code OUT/patches.json} are written.
 */
public final class SelectionStage {

    /** Stage name in the workspace (same as {@link PatchStore#STAGE}). */
    public static final String STAGE = PatchStore.STAGE;
    /** Bump when the code changes results for the same parameters. */
    public static final int STAGE_VERSION = 1;

    /** One frame: the file and its path relative to the dataset folder ('/' separators). */
    public record Item(Path file, String relPath) {
        public Item {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(relPath, "relPath");
        }
    }

    /** What happened to one frame. */
    public enum Status { PROCESSED, FRESH, FAILED }

    /** Outcome of one frame. */
    public record ItemResult(String relPath, Status status, int patches, Optional<String> note, double millis) {
    }

    /** Outcome of a run. */
    public record Summary(int total, int processed, int fresh, int failed, List<ItemResult> items,
                          Optional<Path> patchesJson) {
        public long withNotes() {
            return items.stream().filter(i -> i.note().isPresent()).count();
        }
    }

    private final SelectionParameters params;
    private final Preset preset;
    private final int threads;

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
        return dataset.frames().map(f -> new Item(f.path(), f.relativePath())).toList();
    }

    /** The cache key of one frame under these parameters (those that change masks or patches). */
    public String cacheKey(Path root, Item item) {
        Map<String, Object> p = new LinkedHashMap<>(params.resultMap());
        p.put("preset", preset.name());
        InputFingerprint f = root == null ? InputFingerprint.of(item.file()) : InputFingerprint.of(root, item.file());
        return CacheKey.of(STAGE, STAGE_VERSION, p, List.of(f));
    }

    /**
     * Runs the stage.
     *
     * @param root      dataset folder the relative paths are relative to (for cache keys)
     * @param items     frames
     * @param workspace where results are stored and freshness is checked; may be null
     * @param exportDir where masks and patches.json are exported; may be null
     * @throws CancellationException when cancelled (what was stored so far stays, a re-run resumes)
     */
    public Summary run(Path root, List<Item> items, Workspace workspace, Path exportDir, ProgressListener progress,
                       Cancellation cancel) throws IOException {
        if (workspace == null) {
            return runFrames(root, items, null, exportDir, progress, cancel);
        }
        // The run log keeps what ran with which parameters; the workbench restores them when it reopens the dataset.
        long run = workspace.runLog().startRun(STAGE, runParametersJson());
        try {
            Summary s = runFrames(root, items, workspace, exportDir, progress, cancel);
            workspace.runLog().finishRun(run, RunStatus.SUCCEEDED, s.total() + " frames: " + s.processed()
                    + " processed, " + s.fresh() + " up to date, " + s.failed() + " failed");
            return s;
        } catch (CancellationException e) {
            workspace.runLog().finishRun(run, RunStatus.CANCELLED, "cancelled");
            throw e;
        } catch (IOException | RuntimeException e) {
            workspace.runLog().finishRun(run, RunStatus.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    /** The run's parameters as recorded in the run log: {@code {"preset": ..., "parameters": {...}}}. */
    String runParametersJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("preset", preset.name());
        doc.put("threads", threads);
        doc.put("parameters", params.asMap());
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    private Summary runFrames(Path root, List<Item> items, Workspace workspace, Path exportDir,
                              ProgressListener progress, Cancellation cancel) throws IOException {
        Objects.requireNonNull(items, "items");
        ProgressListener pl = progress == null ? ProgressListener.NONE : progress;
        Cancellation cx = cancel == null ? Cancellation.none() : cancel;
        OpenCvSupport.load();
        if (threads > 1) {
            Core.setNumThreads(1); // parallel over frames; OpenCV's own threads would oversubscribe
        }
        int total = items.size();
        Map<String, List<Patch>> exported = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        List<ItemResult> results = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        pl.update(0, total, "selecting patches");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "clanet-select");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Work> ecs = new ExecutorCompletionService<>(pool);
        int inFlight = 0;
        int next = 0;
        try {
            while (next < total || inFlight > 0) {
                cx.throwIfCancelled();
                while (next < total && inFlight < 2 * threads) {
                    Item it = items.get(next++);
                    String key = null;
                    if (workspace != null) {
                        try {
                            key = cacheKey(root, it);
                        } catch (UncheckedIOException | IllegalArgumentException e) {
                            // Gone (or unreadable) since the dataset was listed: this frame fails, the run goes on.
                            String reason = unreadable(it, e);
                            results.add(new ItemResult(it.relPath(), Status.FAILED, 0, Optional.of(reason), 0));
                            notes.put(it.relPath(), "failed: " + reason);
                            pl.update(done.incrementAndGet(), total, it.relPath() + " (failed)");
                            continue;
                        }
                    }
                    if (workspace != null && workspace.isFresh(STAGE, it.relPath(), key)) {
                        ItemResult r = new ItemResult(it.relPath(), Status.FRESH,
                                workspace.patches().get(it.relPath()).size(), Optional.empty(), 0);
                        results.add(r);
                        if (exportDir != null) {
                            exportFresh(workspace, exportDir, it, exported);
                        }
                        pl.update(done.incrementAndGet(), total, it.relPath() + " (up to date)");
                        continue;
                    }
                    String k = key;
                    ecs.submit(() -> work(it, k, cx, exportDir != null || workspace != null));
                    inFlight++;
                }
                if (inFlight == 0) {
                    continue;
                }
                Future<Work> f = ecs.poll(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                inFlight--;
                Work w = f.get();
                handle(w, workspace, exportDir, exported, notes, results);
                pl.update(done.incrementAndGet(), total, w.item.relPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException("selection failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Optional<Path> json = Optional.empty();
        if (exportDir != null) {
            Path out = exportDir.resolve("patches.json");
            writePatchesJson(out, exported);
            if (!notes.isEmpty()) {
                AtomicFiles.writeString(exportDir.resolve("notes.json"),
                        Json.PRETTY.writeValueAsString(notes));
            }
            json = Optional.of(out);
        }
        int processed = (int) results.stream().filter(r -> r.status() == Status.PROCESSED).count();
        int fresh = (int) results.stream().filter(r -> r.status() == Status.FRESH).count();
        int failed = (int) results.stream().filter(r -> r.status() == Status.FAILED).count();
        results.sort((a, b) -> a.relPath().compareTo(b.relPath()));
        return new Summary(total, processed, fresh, failed, List.copyOf(results), json);
    }

    /** Why a frame's file could not even be fingerprinted, naming the file. */
    private static String unreadable(Item it, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof NoSuchFileException ? "the file no longer exists"
                : cause.getMessage() != null ? cause.getMessage() : cause.toString();
        return "cannot read " + it.relPath() + ": " + why;
    }

    /** Result of one worker task. */
    private record Work(Item item, String cacheKey, SelectionResult result, byte[] png, String error) {
    }

    private Work work(Item it, String key, Cancellation cx, boolean encode) {
        if (cx.isCancelled()) {
            return new Work(it, key, null, null, "cancelled");
        }
        try {
            GrayImage img = ImageLoader.loadProcessed(it.file(), preset);
            SelectionResult r = PatchSelector.select(img, params);
            byte[] png = encode ? encodePng(r.mask(), r.width(), r.height()) : null;
            return new Work(it, key, r, png, null);
        } catch (IOException e) {
            return new Work(it, key, null, null, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            return new Work(it, key, null, null, "selection failed: " + e);
        }
    }

    private void handle(Work w, Workspace ws, Path exportDir, Map<String, List<Patch>> exported,
                        Map<String, String> notes, List<ItemResult> results) throws IOException {
        String rel = w.item.relPath();
        if (w.result == null) {
            if ("cancelled".equals(w.error)) {
                return;
            }
            results.add(new ItemResult(rel, Status.FAILED, 0, Optional.ofNullable(w.error), 0));
            notes.put(rel, "failed: " + w.error);
            return;
        }
        SelectionResult r = w.result;
        if (ws != null) {
            AtomicFiles.write(ws.patches().maskFile(rel), w.png);
            List<StoredPatch> sp = new ArrayList<>();
            for (Patch p : r.patches()) {
                sp.add(new StoredPatch(p.rank(), p.x(), p.y(), p.w(), p.h(), p.confluency()));
            }
            ws.patches().put(rel, w.cacheKey, sp);
        }
        if (exportDir != null) {
            AtomicFiles.write(exportMaskPath(exportDir, rel), w.png);
            exported.put(rel, r.patches());
        }
        r.note().ifPresent(n -> notes.put(rel, n));
        results.add(new ItemResult(rel, Status.PROCESSED, r.patches().size(), r.note(), r.info().millis()));
    }

    private static void exportFresh(Workspace ws, Path exportDir, Item it, Map<String, List<Patch>> exported)
            throws IOException {
        Path mask = ws.patches().maskFile(it.relPath());
        if (Files.exists(mask)) {
            AtomicFiles.write(exportMaskPath(exportDir, it.relPath()), Files.readAllBytes(mask));
        }
        List<Patch> ps = new ArrayList<>();
        for (StoredPatch s : ws.patches().get(it.relPath())) {
            ps.add(new Patch(s.rank(), s.x(), s.y(), s.w(), s.h(), s.confluency()));
        }
        exported.put(it.relPath(), ps);
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
