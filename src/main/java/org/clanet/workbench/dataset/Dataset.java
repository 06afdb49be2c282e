package org.clanet.workbench.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A scanned dataset folder.
 *
 * @param labelled false for a flat folder of images from one flask (one unlabelled batch)
 */
public record Dataset(Path root, boolean labelled, List<CellLine> cellLines, List<SkippedFile> skipped) {

    /** Cell-line name given to the images of a flat, unlabelled folder. */
    public static final String UNLABELLED = "(unlabelled)";

    public Dataset {
        cellLines = List.copyOf(cellLines);
        skipped = List.copyOf(skipped);
    }

    public Stream<Batch> batches() {
        return cellLines.stream().flatMap(c -> c.batches().stream());
    }

    public Stream<Sequence> sequences() {
        return batches().flatMap(b -> b.sequences().stream());
    }

    public Stream<Frame> frames() {
        return sequences().flatMap(s -> s.frames().stream());
    }

    public int imageCount() {
        return cellLines.stream().mapToInt(CellLine::imageCount).sum();
    }

    public long batchCount() {
        return batches().count();
    }

    public long sequenceCount() {
        return sequences().count();
    }

    public Optional<Sequence> sequence(String id) {
        return sequences().filter(s -> s.id().equals(id)).findFirst();
    }

    /** "W×H" → number of images of that size, sorted. */
    public Map<String, Long> imageSizes() {
        Map<String, Long> sizes = new TreeMap<>();
        frames().forEach(f -> sizes.merge(f.header().width() + "×" + f.header().height(), 1L, Long::sum));
        return sizes;
    }
}
