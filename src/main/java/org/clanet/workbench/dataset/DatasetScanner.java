package org.clanet.workbench.dataset;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.clanet.workbench.imaging.ImageFormat;
import org.clanet.workbench.imaging.ImageHeader;
import org.clanet.workbench.imaging.ImageHeaderReader;
import org.clanet.workbench.imaging.ImageReadException;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.io.PortablePaths;

/**
 * Turns a folder into a {@link Dataset}. Layout {@code ROOT/LINE/<batch folders>/images} (the batch name is
 * the folder path between the line and the image, any depth), or a flat folder of images = one unlabelled
 * batch. Reads headers only. Nothing that cannot be used aborts the scan: it is listed in
 * {@link Dataset#skipped()} with the reason. Hidden files and folders (the workspace lives in {@code .clanet})
 * are ignored. Links are followed (a linked root is scanned at its real path, which {@link Dataset#root()} is).
 */
public final class DatasetScanner {

    /** Batch name for images that sit directly in a cell-line folder. */
    public static final String NO_BATCH = "(no batch)";

    private DatasetScanner() {
    }

    public static Dataset scan(Path root) throws IOException {
        return scan(root, ProgressListener.NONE, Cancellation.none());
    }

    public static Dataset scan(Path root, ProgressListener progress, Cancellation cancel) throws IOException {
        return scan(root, progress, cancel, List.of());
    }

    /**
     * Scans {@code root}, leaving out the folders {@code excluded} (e.g. an export or workspace folder placed inside
     * the dataset, whose masks would otherwise be taken for frames); folders that do not exist are ignored.
     */
    public static Dataset scan(Path root, ProgressListener progress, Cancellation cancel,
                               Collection<Path> excluded) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder");
        }
        // A linked dataset folder is scanned where it really is; paths are reported relative to that.
        Path dir = root.toRealPath();
        progress.update(0, -1, "Listing " + dir);
        List<SkippedFile> skipped = new ArrayList<>();
        Set<Path> leftOut = new HashSet<>();
        for (Path e : excluded) {
            if (Files.isDirectory(e)) {
                leftOut.add(e.toRealPath());
            }
        }
        List<Path> files = listFiles(dir, leftOut, cancel, skipped);

        List<Entry> entries = new ArrayList<>(files.size());
        Entry[] read = readAll(files, progress, cancel);
        // Labelled when a usable image sits in a sub-folder: other files there (an exports/table.csv, a corrupt
        // image) must not turn a flat folder of frames into a "labelled" set whose frames are all skipped.
        boolean labelled = IntStream.range(0, files.size())
                .anyMatch(i -> read[i].reason == null && dir.relativize(files.get(i)).getNameCount() > 1);
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String rel = relative(dir, f);
            Entry e = read[i];
            if (e.reason != null) {
                skipped.add(new SkippedFile(f, rel, e.reason));
            } else if (labelled && dir.relativize(f).getNameCount() == 1) {
                skipped.add(new SkippedFile(f, rel, "image at the top of a labelled dataset (expected LINE/batch/image)"));
            } else {
                entries.add(e.withRelative(dir.relativize(f)));
            }
        }
        List<CellLine> lines = group(dir, labelled, entries, skipped);
        skipped.sort(Comparator.comparing(SkippedFile::relativePath, NaturalOrder.INSTANCE));
        progress.update(files.size(), files.size(), "Scanned " + files.size() + " files");
        return new Dataset(dir, labelled, lines, skipped);
    }

    /**
     * Every non-hidden file below {@code dir}, following links (a linked image, cell-line or batch folder is part of
     * the dataset); link loops, broken links and unreadable entries go to {@code skipped} with the reason.
     */
    private static List<Path> listFiles(Path dir, Set<Path> excluded, Cancellation cancel, List<SkippedFile> skipped)
            throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                cancel.throwIfCancelled();
                return d.equals(dir) || !hidden(d) && !excluded.contains(d) ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (hidden(f)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    files.add(f);
                } else if (attrs.isSymbolicLink()) { // followed, so its target could not be read
                    skipped.add(new SkippedFile(f, relative(dir, f), "broken link: its target does not exist"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (f.equals(dir)) {
                    throw e;
                }
                if (!hidden(f)) {
                    skipped.add(new SkippedFile(f, relative(dir, f), unreadable(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(p -> relative(dir, p), NaturalOrder.INSTANCE));
        return files;
    }

    private static String unreadable(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "link loop: points to a folder that contains it (not followed)";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        return "cannot be read: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static Entry[] readAll(List<Path> files, ProgressListener progress, Cancellation cancel) {
        Entry[] out = new Entry[files.size()];
        AtomicLong done = new AtomicLong();
        int total = files.size();
        // Header reads are independent small I/O: in parallel they keep the disk queue busy.
        IntStream.range(0, total).parallel().forEach(i -> {
            cancel.throwIfCancelled();
            out[i] = read(files.get(i));
            long n = done.incrementAndGet();
            if (n % 256 == 0) {
                progress.update(n, total, "Reading headers");
            }
        });
        return out;
    }

    private static Entry read(Path file) {
        String name = file.getFileName().toString();
        if (ImageFormat.fromFileName(name).isEmpty()) {
            return Entry.skip("not an image file (expected .jpg, .png or .tif)");
        }
        Optional<ParsedName> parsed = ImageNameParser.parse(name);
        if (parsed.isEmpty()) {
            return Entry.skip("no timepoint in the name (expected a token like 02d12h00m)");
        }
        try {
            return new Entry(file, parsed.get(), ImageHeaderReader.read(file), null, null);
        } catch (ImageReadException e) {
            return Entry.skip(e.reason());
        }
    }

    private static List<CellLine> group(Path dir, boolean labelled, List<Entry> entries, List<SkippedFile> skipped) {
        // line -> batch -> sequence key -> entries, in natural order
        Map<String, Map<String, Map<String, List<Entry>>>> tree = new TreeMap<>(NaturalOrder.INSTANCE);
        for (Entry e : entries) {
            String line = labelled ? e.rel.getName(0).toString() : Dataset.UNLABELLED;
            String batch = labelled ? batchName(e.rel) : dir.getFileName() == null ? "root" : dir.getFileName().toString();
            tree.computeIfAbsent(line, k -> new TreeMap<>(NaturalOrder.INSTANCE))
                    .computeIfAbsent(batch, k -> new TreeMap<>(NaturalOrder.INSTANCE))
                    .computeIfAbsent(e.name.sequenceKey(), k -> new ArrayList<>())
                    .add(e);
        }
        List<CellLine> lines = new ArrayList<>();
        tree.forEach((line, batches) -> {
            List<Batch> bs = new ArrayList<>();
            batches.forEach((batch, seqs) -> bs.add(new Batch(line, batch, sequences(dir, line, batch, seqs, skipped))));
            lines.add(new CellLine(line, bs));
        });
        return lines;
    }

    private static List<Sequence> sequences(Path dir, String line, String batch, Map<String, List<Entry>> byKey,
                                            List<SkippedFile> skipped) {
        Map<String, Integer> wellUse = new LinkedHashMap<>();
        byKey.values().forEach(es -> es.get(0).name.well().ifPresent(w -> wellUse.merge(w, 1, Integer::sum)));
        List<Sequence> out = new ArrayList<>();
        byKey.forEach((key, es) -> {
            es.sort(Comparator.comparing((Entry e) -> e.name.timepoint()).thenComparing(e -> e.rel.toString(),
                    NaturalOrder.INSTANCE));
            List<Frame> frames = new ArrayList<>();
            Entry previous = null;
            for (Entry e : es) {
                // Same minute = same time, however it is written (00d24h00m is 01d00h00m).
                if (previous != null && previous.name.timepoint().compareTo(e.name.timepoint()) == 0) {
                    skipped.add(new SkippedFile(e.file, relative(dir, e.file), "duplicate: same position and time as "
                            + relative(dir, previous.file)));
                    continue;
                }
                frames.add(new Frame(e.file, relative(dir, e.file), e.name.timepoint(), e.header));
                previous = e;
            }
            Optional<String> well = es.get(0).name.well();
            String display = well.filter(w -> wellUse.get(w) == 1).orElseGet(() -> distinctive(key, byKey.keySet()));
            out.add(new Sequence(line, batch, key, display, well, frames));
        });
        return out;
    }

    /**
     * A short name for a sequence whose well is not unique in its batch: the name fields that differ between
     * the batch's sequences, e.g. "B7 · 1 · 3" for LIVECell's {@code A172_Phase_B7_1_*_3}.
     */
    static String distinctive(String key, java.util.Collection<String> keys) {
        String[] mine = fields(key);
        boolean[] varies = new boolean[mine.length];
        for (String other : keys) {
            String[] f = fields(other);
            if (f.length != mine.length) {
                return key.replace("*", "…");
            }
            for (int i = 0; i < f.length; i++) {
                varies[i] |= !f[i].equals(mine[i]);
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < mine.length; i++) {
            if (varies[i]) {
                parts.add(mine[i]);
            }
        }
        return parts.isEmpty() ? key.replace("*", "…") : String.join(" · ", parts);
    }

    private static String[] fields(String key) {
        return java.util.Arrays.stream(key.split("_")).filter(t -> !t.equals("*")).toArray(String[]::new);
    }

    private static String batchName(Path rel) {
        int n = rel.getNameCount();
        return n <= 2 ? NO_BATCH : PortablePaths.portable(rel.subpath(1, n - 1));
    }

    private static String relative(Path dir, Path file) {
        return PortablePaths.relative(dir, file);
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private record Entry(Path file, ParsedName name, ImageHeader header, Path rel, String reason) {
        static Entry skip(String reason) {
            return new Entry(null, null, null, null, reason);
        }

        Entry withRelative(Path relative) {
            return new Entry(file, name, header, relative, reason);
        }
    }
}
