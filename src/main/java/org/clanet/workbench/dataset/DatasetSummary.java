package org.clanet.workbench.dataset;

import java.util.List;
import java.util.Map;

/**
 * What a scan found, as plain data for the command line's text and JSON output and for the workbench.
 */
public record DatasetSummary(String root, boolean labelled, int cellLines, long batches, long sequences, int images,
                             int skipped, Map<String, Long> imageSizes, List<LineSummary> lines,
                             List<SequenceSummary> sequenceDetail, List<SkipSummary> skippedFiles) {

    public record LineSummary(String name, int batches, int sequences, int images) {
    }

    /**
     * @param intervalHours mean gap between frames in exact hours (0 for one frame)
     */
    public record SequenceSummary(String cellLine, String batch, String key, String name, int frames, String first,
                                  String last, double spanHours, double intervalHours, List<String> sizes) {
    }

    public record SkipSummary(String path, String reason) {
    }

    public static DatasetSummary of(Dataset d) {
        List<LineSummary> lines = d.cellLines().stream()
                .map(c -> new LineSummary(c.name(), c.batches().size(), c.sequenceCount(), c.imageCount()))
                .toList();
        List<SequenceSummary> seqs = d.sequences().map(DatasetSummary::sequence).toList();
        List<SkipSummary> skips = d.skipped().stream().map(s -> new SkipSummary(s.relativePath(), s.reason())).toList();
        return new DatasetSummary(d.root().toString(), d.labelled(), d.cellLines().size(), d.batchCount(),
                d.sequenceCount(), d.imageCount(), d.skipped().size(), d.imageSizes(), lines, seqs, skips);
    }

    private static SequenceSummary sequence(Sequence s) {
        List<String> sizes = s.frames().stream()
                .map(f -> f.header().width() + "×" + f.header().height())
                .distinct().toList();
        return new SequenceSummary(s.cellLine(), s.batch(), s.key(), s.displayName(), s.size(), s.first().token(),
                s.last().token(), round(s.spanHours()), round(s.meanIntervalHours()), sizes);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
