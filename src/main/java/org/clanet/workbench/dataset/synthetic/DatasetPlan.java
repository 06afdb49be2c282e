package org.clanet.workbench.dataset.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Everything a run will write, decided from the settings alone before any pixel is drawn: lines, batch
 * effects, wells and time points.
 *
 * @param settings  the settings it was made from
 * @param lines     the cell lines, in order
 * @param batches   per line, its batches in order
 * @param sequences every sequence, line-major, then batch, then position
 */
public record DatasetPlan(SyntheticSettings settings, List<CellLineProfile> lines,
                          List<List<BatchConditions>> batches, List<SequencePlan> sequences) {

    /** Shortest and longest imaging interval, minutes. */
    public static final int MIN_INTERVAL_MINUTES = 120;
    public static final int MAX_INTERVAL_MINUTES = 360;

    public DatasetPlan {
        lines = List.copyOf(lines);
        batches = batches.stream().map(List::copyOf).toList();
        sequences = List.copyOf(sequences);
    }

    public static DatasetPlan of(SyntheticSettings s) {
        List<CellLineProfile> lines = CellLineCatalog.first(s.lines());
        SplittableRandom exptRng = new SplittableRandom(DetMath.seed(s.seed(), 0xE1));
        Set<Integer> usedExperiments = new HashSet<>();
        List<List<BatchConditions>> allBatches = new ArrayList<>();
        List<SequencePlan> sequences = new ArrayList<>();
        for (int li = 0; li < lines.size(); li++) {
            CellLineProfile line = lines.get(li);
            int[] intervals = distinctIntervals(s.batches(), new SplittableRandom(DetMath.seed(s.seed(), 0x1A, li)));
            List<BatchConditions> lineBatches = new ArrayList<>();
            for (int b = 0; b < s.batches(); b++) {
                int expt;
                do {
                    expt = 1000 + exptRng.nextInt(9000);
                } while (!usedExperiments.add(expt));
                BatchConditions bc = drawBatch(b + 1, expt, intervals[b],
                        new SplittableRandom(DetMath.seed(s.seed(), 0xBA, li, b)));
                lineBatches.add(bc);
                int[] wells = pickWells(s.positions(), new SplittableRandom(DetMath.seed(s.seed(), 0x3E, li, b)));
                for (int p = 0; p < s.positions(); p++) {
                    List<Integer> minutes = new ArrayList<>(s.timepoints());
                    for (int k = 0; k < s.timepoints(); k++) {
                        minutes.add(bc.minutesAt(k));
                    }
                    sequences.add(new SequencePlan(line, li, bc, p, SyntheticNames.well(wells[p]), minutes));
                }
            }
            allBatches.add(lineBatches);
        }
        return new DatasetPlan(s, lines, allBatches, sequences);
    }

    public long imageCount() {
        return sequences.stream().mapToLong(q -> q.minutes().size()).sum();
    }

    /**
     * {@code n} different intervals in [2 h, 6 h]: on a 30-minute grid while it has room, then finer grids.
     * Shuffled, so batch 1 is not always the fastest.
     */
    static int[] distinctIntervals(int n, SplittableRandom rng) {
        int span = MAX_INTERVAL_MINUTES - MIN_INTERVAL_MINUTES;
        int step = 30;
        for (int candidate : new int[] {30, 15, 10, 5, 1}) {
            step = candidate;
            if (span / candidate + 1 >= n) {
                break;
            }
        }
        int count = span / step + 1;
        int[] grid = new int[count];
        for (int i = 0; i < count; i++) {
            grid[i] = MIN_INTERVAL_MINUTES + i * step;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = grid[i];
            grid[i] = grid[j];
            grid[j] = t;
        }
        int[] out = new int[n];
        System.arraycopy(grid, 0, out, 0, n);
        return out;
    }

    private static BatchConditions drawBatch(int index, int expt, int interval, SplittableRandom r) {
        int firstMinutes = 60 * (2 + r.nextInt(23));
        if (r.nextDouble() < 0.4) {
            int[] minuteChoices = {10, 15, 20, 30, 40, 45, 50};
            firstMinutes += minuteChoices[r.nextInt(minuteChoices.length)];
        }
        double brightness = DetMath.clamp(128 * (1 + 0.08 * DetMath.gaussian(r)), 100, 160);
        double contrast = DetMath.clamp(DetMath.logNormal(r, 1.0, 0.18), 0.7, 1.45);
        double gradient = DetMath.uniform(r, 0.0, 0.16);
        double gradientAngle = DetMath.uniform(r, 0, 360);
        double vignetting = DetMath.uniform(r, 0.0, 0.18);
        double focus = DetMath.uniform(r, 0.0, 0.65);
        double noise = DetMath.uniform(r, 1.0, 3.0);
        double seeding = DetMath.clamp(DetMath.logNormal(r, 1.0, 0.3), 0.55, 1.8);
        double debris = DetMath.clamp(DetMath.logNormal(r, 1.0, 0.5), 0.3, 3.0);
        return new BatchConditions(index, expt, firstMinutes, interval, round3(brightness), round3(contrast),
                round3(gradient), round3(gradientAngle), round3(vignetting), round3(focus), round3(noise),
                round3(seeding), round3(debris));
    }

    private static int[] pickWells(int n, SplittableRandom r) {
        int[] all = new int[SyntheticSettings.MAX_POSITIONS];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int i = all.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = new int[n];
        System.arraycopy(all, 0, out, 0, n);
        java.util.Arrays.sort(out);
        return out;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
