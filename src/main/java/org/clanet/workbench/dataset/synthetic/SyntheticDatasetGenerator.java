package org.clanet.workbench.dataset.synthetic;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.clanet.workbench.pipeline.Workers;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.io.AtomicFiles;

/**
 * Writes a synthetic labelled dataset of phase-contrast time-lapses:
 * {@code ROOT/<LINE>/batch_<k>/VID<expt>_<well>_1_<DD>d<HH>h<MM>m.jpg}, plus a hidden manifest
 * {@code ROOT/.synthetic-dataset.json} with every line and batch parameter and the true confluency per image.
 *
 * <p>Each position is simulated from seeding (cells move, spread, grow, round up and divide) and rendered at
 * its batch's time points, so a sequence follows the same cells. Positions run in parallel; every random
 * stream is derived from the seed and the position's coordinates, so the files do not depend on the number of
 * threads or on scheduling.
 */
public final class SyntheticDatasetGenerator {

    /** Name of the manifest in the output root (hidden, so dataset scans skip it). */
    public static final String MANIFEST = ".synthetic-dataset.json";

    private static final Pattern OUR_FILE = Pattern.compile("VID\\d+_[A-P]\\d{1,2}_1_\\d{2,}d\\d{2}h\\d{2}m\\.jpg");

    private final SyntheticSettings settings;
    private final DatasetPlan plan;

    public SyntheticDatasetGenerator(SyntheticSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.plan = DatasetPlan.of(settings);
    }

    public SyntheticSettings settings() {
        return settings;
    }

    public DatasetPlan plan() {
        return plan;
    }

    /**
     * Simulates and renders one sequence in memory.
     *
     * @param cancel checked between frames
     */
    public List<RenderedFrame> render(SequencePlan seq, Cancellation cancel) {
        SequenceRun run = new SequenceRun(seq);
        List<RenderedFrame> frames = new ArrayList<>(seq.minutes().size());
        for (int k = 0; k < seq.minutes().size(); k++) {
            frames.add(run.frame(k, cancel));
        }
        return frames;
    }

    /** A position being simulated: its cells, its renderer and the seeds of its frames. */
    private final class SequenceRun {
        private final SequencePlan seq;
        private final long base;
        private final CellPopulation population;
        private final PhaseContrastRenderer renderer;

        SequenceRun(SequencePlan seq) {
            this.seq = seq;
            this.base = DetMath.seed(settings.seed(), 0x5E, seq.lineIndex(), seq.batch().index(), seq.position());
            this.population = new CellPopulation(seq.line(), seq.batch(), settings.width(), settings.height(),
                    new SplittableRandom(DetMath.seed(base, 1)));
            this.renderer = new PhaseContrastRenderer(seq.line(), seq.batch(), settings.width(), settings.height(),
                    population.margin, new SplittableRandom(DetMath.seed(base, 2)));
        }

        /** Frame {@code k}; frames must be asked for in order. */
        RenderedFrame frame(int k, Cancellation cancel) {
            cancel.throwIfCancelled();
            int minutes = seq.minutes().get(k);
            population.advanceTo(minutes / 60.0);
            byte[] gray = new byte[settings.width() * settings.height()];
            PhaseContrastRenderer.Truth truth =
                    renderer.render(population.cells(), new SplittableRandom(DetMath.seed(base, 3, k)), gray);
            return new RenderedFrame(gray, settings.width(), settings.height(), minutes, truth.coverage(),
                    truth.visibleCells());
        }
    }

    /**
     * Writes the dataset under {@code root}.
     *
     * @param overwrite replace this run's line folders if they already exist (only files named like ours are
     *                  deleted); without it an existing line folder is an error
     * @param threads   worker threads (1 or more); does not change the output
     * @throws IllegalArgumentException when {@code root} is a file, or a line folder exists and overwrite is off
     */
    public GenerationResult generate(Path root, boolean overwrite, int threads, ProgressListener progress,
                                     Cancellation cancel) throws IOException {
        Objects.requireNonNull(root, "root");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long start = System.nanoTime();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is a file, not a folder");
        }
        for (CellLineProfile line : plan.lines()) {
            Path dir = root.resolve(line.name());
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException(dir + " exists and is not a folder");
                }
                if (!overwrite) {
                    throw new IllegalArgumentException(dir + " already exists; choose another output folder or "
                            + "allow overwriting it");
                }
                clearOurFiles(dir);
            }
        }
        Files.createDirectories(root);
        for (SequencePlan seq : plan.sequences()) {
            Files.createDirectories(root.resolve(seq.folder()));
        }

        long total = plan.imageCount();
        AtomicLong done = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        double[][] coverage = new double[plan.sequences().size()][];
        int[][] cellCounts = new int[plan.sequences().size()][];
        progress.update(0, total, "Generating " + total + " images");
        ExecutorService pool = Workers.daemonPool(threads, "sample-data");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int si = 0; si < plan.sequences().size(); si++) {
                int index = si;
                futures.add(pool.submit(() -> {
                    SequencePlan seq = plan.sequences().get(index);
                    SequenceRun run = new SequenceRun(seq);
                    int n = seq.minutes().size();
                    coverage[index] = new double[n];
                    cellCounts[index] = new int[n];
                    for (int k = 0; k < n; k++) {
                        RenderedFrame f = run.frame(k, cancel);
                        coverage[index][k] = f.coverage();
                        cellCounts[index][k] = f.cells();
                        byte[] jpeg = JpegEncoder.encodeGray(f.gray(), f.width(), f.height(), settings.jpegQuality());
                        Path file = root.resolve(seq.relativePath(k));
                        AtomicFiles.write(file, jpeg);
                        bytes.addAndGet(jpeg.length);
                        progress.update(done.incrementAndGet(), total, seq.relativePath(k));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException uio) {
                throw uio.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
            // After a failure or cancel the other sequences' workers may be mid-write: return only when they
            // have stopped, so nothing lands in the output folder after generate() has returned.
            try {
                boolean stopped = pool.awaitTermination(1, TimeUnit.MINUTES); // a frame renders in well under that
                assert stopped : "sample-data workers did not stop within a minute";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Path manifest = root.resolve(MANIFEST);
        AtomicFiles.writeString(manifest, manifestJson(coverage, cellCounts));
        return new GenerationResult(root, plan, (int) total, bytes.get(), manifest,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Deletes files named like ours under LINE/batch_k and folders left empty; leaves anything else. */
    private static void clearOurFiles(Path lineDir) throws IOException {
        try (DirectoryStream<Path> batches = Files.newDirectoryStream(lineDir)) {
            for (Path b : batches) {
                if (!Files.isDirectory(b) || !b.getFileName().toString().matches("batch_\\d+")) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(b)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (Files.isRegularFile(f) && (OUR_FILE.matcher(name).matches()
                                || name.endsWith(".jpg.part"))) { // .part: left by earlier versions
                            Files.delete(f);
                        }
                    }
                }
                deleteIfEmpty(b);
            }
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            if (s.iterator().hasNext()) {
                return;
            }
        }
        Files.delete(dir);
    }

    private String manifestJson(double[][] coverage, int[][] cellCounts) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("synthetic", true);
        root.put("generator", "clanet sample-data");
        SyntheticSettings s = settings;
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("seed", s.seed());
        set.put("lines", s.lines());
        set.put("batches", s.batches());
        set.put("positions", s.positions());
        set.put("timepoints", s.timepoints());
        set.put("width", s.width());
        set.put("height", s.height());
        set.put("jpegQuality", s.jpegQuality());
        root.put("settings", set);
        List<Object> lines = new ArrayList<>();
        for (int li = 0; li < plan.lines().size(); li++) {
            CellLineProfile p = plan.lines().get(li);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("description", p.description());
            m.put("shape", p.shape().name());
            m.put("radiusPx", p.radius());
            m.put("aspect", p.aspect());
            m.put("cohesion", p.cohesion());
            m.put("granularity", p.granularity());
            m.put("nucleusVisibility", p.nucleusVisibility());
            m.put("doublingHours", p.doublingHours());
            m.put("seedingDensityPer100x100px", p.seedingDensity());
            List<Object> batches = new ArrayList<>();
            for (BatchConditions b : plan.batches().get(li)) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("batch", "batch_" + b.index());
                bm.put("experiment", "VID" + b.experimentId());
                bm.put("firstImage", SyntheticNames.timeToken(b.firstMinutes()));
                bm.put("intervalMinutes", b.intervalMinutes());
                bm.put("brightness", b.brightness());
                bm.put("contrast", b.contrast());
                bm.put("gradient", b.gradient());
                bm.put("gradientAngleDeg", b.gradientAngle());
                bm.put("vignetting", b.vignetting());
                bm.put("focusBlurSigmaPx", b.focusBlur());
                bm.put("noiseSd", b.noise());
                bm.put("seedingFactor", b.seedingFactor());
                bm.put("debrisFactor", b.debrisFactor());
                List<Object> seqs = new ArrayList<>();
                for (int si = 0; si < plan.sequences().size(); si++) {
                    SequencePlan q = plan.sequences().get(si);
                    if (q.lineIndex() != li || q.batch().index() != b.index()) {
                        continue;
                    }
                    Map<String, Object> qm = new LinkedHashMap<>();
                    qm.put("well", q.well());
                    List<Object> frames = new ArrayList<>();
                    for (int k = 0; k < q.minutes().size(); k++) {
                        Map<String, Object> fm = new LinkedHashMap<>();
                        fm.put("file", q.relativePath(k));
                        fm.put("coverage", Math.round(coverage[si][k] * 10000) / 10000.0);
                        fm.put("cells", cellCounts[si][k]);
                        frames.add(fm);
                    }
                    qm.put("images", frames);
                    seqs.add(qm);
                }
                bm.put("positions", seqs);
                batches.add(bm);
            }
            m.put("batches", batches);
            lines.add(m);
        }
        root.put("lines", lines);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        pp.indentObjectsWith(indenter);
        pp.indentArraysWith(indenter);
        return Json.MAPPER.writer(pp).writeValueAsString(root) + "\n";
    }
}
