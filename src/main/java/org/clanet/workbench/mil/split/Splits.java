package org.clanet.workbench.mil.split;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.clanet.workbench.mil.io.ClassNames;

/**
 * Seeded, reproducible splits over plain records. Items are sorted by id before any draw, so the same data
 * and seed give the same split whatever order the scan listed them in.
 */
public final class Splits {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    public static final double DEFAULT_TEST_FRACTION = 0.3;

    private Splits() {
    }

    /**
     * For each line one batch (drawn with the seed) trains, every other batch tests.
     *
     * @throws IllegalArgumentException when a line has one batch, or there is only one line
     */
    public static Split batchSeparated(List<SplitItem> items, long seed, double validationFraction) {
        Map<String, Map<String, List<SplitItem>>> byLine = group(items);
        requireLines(byLine);
        List<String> impossible = new ArrayList<>();
        byLine.forEach((line, batches) -> {
            if (batches.size() < 2) {
                impossible.add(line + " (only " + batches.keySet().iterator().next() + ")");
            }
        });
        if (!impossible.isEmpty()) {
            throw new IllegalArgumentException("batch-separated split impossible: every line needs at least two"
                    + " batches (one trains, the others test), but " + String.join(", ", impossible)
                    + " has one. Use the batch-stratified split, or add batches.");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<SplitItem>>> e : byLine.entrySet()) {
            List<String> names = new ArrayList<>(e.getValue().keySet());
            chosen.put(e.getKey(), names.get(rng.nextInt(names.size())));
        }
        return separated("batch-separated", byLine, chosen, seed, validationFraction, new ArrayList<>());
    }

    /**
     * The published files: a class-index file (one line name per line, label = line number) and
     * {@code randomK.txt} whose line i is the 1-based number of the batch ({@code batch_<n>}) that trains
     * class i. Lines of the dataset missing from the class index are left out (noted).
     */
    public static Split published(List<SplitItem> items, Path classIndex, Path randomK, long seed,
                                  double validationFraction) throws IOException {
        List<String> classes = ClassNames.read(classIndex);
        List<String> batchLines = new ArrayList<>();
        for (String l : Files.readAllLines(randomK, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                batchLines.add(l.strip());
            }
        }
        if (batchLines.size() < classes.size()) {
            throw new IOException(randomK + " has " + batchLines.size() + " batch numbers for " + classes.size()
                    + " classes in " + classIndex);
        }
        Map<String, Map<String, List<SplitItem>>> all = group(items);
        Map<String, Map<String, List<SplitItem>>> byLine = new LinkedHashMap<>();
        Map<String, String> chosen = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            String line = classes.get(i);
            Map<String, List<SplitItem>> batches = all.get(line);
            if (batches == null) {
                throw new IOException(classIndex + " line " + (i + 1) + ": class '" + line
                        + "' has no sequences in the dataset (lines: " + all.keySet() + ")");
            }
            int k;
            try {
                k = Integer.parseInt(batchLines.get(i));
            } catch (NumberFormatException e) {
                throw new IOException(randomK + " line " + (i + 1) + ": '" + batchLines.get(i)
                        + "' is not a batch number");
            }
            String batch = "batch_" + k;
            if (!batches.containsKey(batch)) {
                throw new IOException(randomK + " line " + (i + 1) + ": " + line + " has no " + batch
                        + " (has " + batches.keySet() + ")");
            }
            byLine.put(line, batches);
            chosen.put(line, batch);
        }
        for (String line : all.keySet()) {
            if (!byLine.containsKey(line)) {
                notes.add("line " + line + " is not in " + classIndex.getFileName() + ": left out");
            }
        }
        return separated("published", byLine, chosen, seed, validationFraction, notes);
    }

    /**
     * Every batch's positions (sequences) split between train and test: a seeded {@code testFraction} of each
     * batch's sequences tests (at least one when it has two or more); a batch of one sequence trains.
     */
    public static Split batchStratified(List<SplitItem> items, long seed, double testFraction,
                                        double validationFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        Map<String, Map<String, List<SplitItem>>> byLine = group(items);
        requireLines(byLine);
        SplittableRandom rng = new SplittableRandom(seed);
        List<SplitItem> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> trainBatches = new TreeMap<>();
        for (Map.Entry<String, Map<String, List<SplitItem>>> line : byLine.entrySet()) {
            for (Map.Entry<String, List<SplitItem>> batch : line.getValue().entrySet()) {
                List<SplitItem> seqs = shuffled(batch.getValue(), rng);
                int nTest = seqs.size() < 2 ? 0 : Math.max(1, Math.min(seqs.size() - 1,
                        (int) Math.round(testFraction * seqs.size())));
                if (seqs.size() < 2) {
                    notes.add(line.getKey() + "/" + batch.getKey() + " has one sequence: it trains");
                }
                for (int i = 0; i < seqs.size(); i++) {
                    if (i < nTest) {
                        test.add(seqs.get(i).sequenceId());
                    } else {
                        train.add(seqs.get(i));
                    }
                }
                trainBatches.computeIfAbsent(line.getKey(), k -> new ArrayList<>()).add(batch.getKey());
            }
        }
        return finish("batch-stratified", new ArrayList<>(byLine.keySet()), train, test, trainBatches, seed,
                validationFraction, notes, rng);
    }

    private static Split separated(String kind, Map<String, Map<String, List<SplitItem>>> byLine,
                                   Map<String, String> chosen, long seed, double validationFraction,
                                   List<String> notes) {
        List<SplitItem> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        Map<String, List<String>> trainBatches = new TreeMap<>();
        for (Map.Entry<String, Map<String, List<SplitItem>>> line : byLine.entrySet()) {
            String trainBatch = chosen.get(line.getKey());
            trainBatches.put(line.getKey(), List.of(trainBatch));
            for (Map.Entry<String, List<SplitItem>> b : line.getValue().entrySet()) {
                for (SplitItem s : b.getValue()) {
                    if (b.getKey().equals(trainBatch)) {
                        train.add(s);
                    } else {
                        test.add(s.sequenceId());
                    }
                }
            }
        }
        // A stream independent of the batch draw, so validation does not shift when batches are imported.
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return finish(kind, new ArrayList<>(byLine.keySet()), train, test, trainBatches, seed, validationFraction,
                notes, rng);
    }

    /** Validation: per line, a seeded fraction of its training sequences (≥ 1 when it has ≥ 2, never all). */
    private static Split finish(String kind, List<String> classes, List<SplitItem> train, List<String> test,
                                Map<String, List<String>> trainBatches, long seed, double validationFraction,
                                List<String> notes, SplittableRandom rng) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        Map<String, List<SplitItem>> trainByLine = new TreeMap<>();
        for (SplitItem s : train) {
            trainByLine.computeIfAbsent(s.line(), k -> new ArrayList<>()).add(s);
        }
        List<String> trainIds = new ArrayList<>();
        List<String> validation = new ArrayList<>();
        for (Map.Entry<String, List<SplitItem>> e : trainByLine.entrySet()) {
            List<SplitItem> seqs = shuffled(e.getValue(), rng);
            int nVal = validationFraction == 0 || seqs.size() < 2 ? 0
                    : Math.max(1, Math.min(seqs.size() - 1, (int) Math.round(validationFraction * seqs.size())));
            if (validationFraction > 0 && seqs.size() < 2) {
                notes.add(e.getKey() + " has " + seqs.size() + " training sequence(s): none held out for validation");
            }
            for (int i = 0; i < seqs.size(); i++) {
                (i < nVal ? validation : trainIds).add(seqs.get(i).sequenceId());
            }
        }
        trainIds.sort(Comparator.naturalOrder());
        validation.sort(Comparator.naturalOrder());
        test.sort(Comparator.naturalOrder());
        return new Split(kind, seed, validationFraction, classes, trainIds, validation, test, trainBatches, notes);
    }

    private static List<SplitItem> shuffled(List<SplitItem> items, SplittableRandom rng) {
        List<SplitItem> s = new ArrayList<>(items);
        s.sort(Comparator.comparing(SplitItem::sequenceId));
        for (int i = s.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            SplitItem t = s.get(i);
            s.set(i, s.get(j));
            s.set(j, t);
        }
        return s;
    }

    /** line → batch → items, lines and batches in natural (sorted) order. */
    private static Map<String, Map<String, List<SplitItem>>> group(List<SplitItem> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no sequences to split");
        }
        Map<String, Map<String, List<SplitItem>>> out = new TreeMap<>();
        for (SplitItem s : items) {
            out.computeIfAbsent(s.line(), k -> new TreeMap<>(Splits::compareBatch))
                    .computeIfAbsent(s.batch(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** batch_2 before batch_10. */
    private static int compareBatch(String a, String b) {
        String da = a.replaceAll("\\D", "");
        String db = b.replaceAll("\\D", "");
        if (!da.isEmpty() && !db.isEmpty() && da.length() < 10 && db.length() < 10) {
            int c = Integer.compare(Integer.parseInt(da), Integer.parseInt(db));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static void requireLines(Map<String, Map<String, List<SplitItem>>> byLine) {
        if (byLine.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two cell lines; the dataset has "
                    + byLine.size() + " (" + String.join(", ", byLine.keySet()) + ")");
        }
    }
}
