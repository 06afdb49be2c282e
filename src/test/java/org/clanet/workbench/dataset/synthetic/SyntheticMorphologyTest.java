package org.clanet.workbench.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The images carry what a cell-line classifier needs: line differences, growth, time-lapse continuity. */
class SyntheticMorphologyTest {

    static final int W = 320;
    static final int H = 240;
    static final SyntheticSettings SETTINGS = SyntheticSettings.defaults().withCounts(4, 2, 2, 8).withSize(W, H);

    static Map<SequencePlan, List<RenderedFrame>> frames = new LinkedHashMap<>();

    @BeforeAll
    static void render() {
        SyntheticDatasetGenerator gen = new SyntheticDatasetGenerator(SETTINGS);
        for (SequencePlan seq : gen.plan().sequences()) {
            frames.put(seq, gen.render(seq, Cancellation.none()));
        }
    }

    /** Fraction of pixels whose 5x5 neighbourhood varies by more than a fixed gray-level sd: a simple cell mask. */
    static double foreground(byte[] g) {
        int r = 2;
        int n = 0;
        int c = 0;
        for (int y = r; y < H - r; y++) {
            for (int x = r; x < W - r; x++) {
                double s = 0;
                double s2 = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int v = g[(y + dy) * W + x + dx] & 255;
                        s += v;
                        s2 += v * v;
                    }
                }
                int m = (2 * r + 1) * (2 * r + 1);
                double var = s2 / m - (s / m) * (s / m);
                n++;
                if (var > 7 * 7) {
                    c++;
                }
            }
        }
        return (double) c / n;
    }

    record LineStats(double meanArea, double foregroundPerCoverage) {
    }

    static Map<String, LineStats> lineStats() {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (var e : frames.entrySet()) {
            RenderedFrame last = e.getValue().get(e.getValue().size() - 1);
            double[] a = acc.computeIfAbsent(e.getKey().line().name(), k -> new double[4]);
            a[0] += last.coverage() * W * H;
            a[1] += last.cells();
            a[2] += foreground(last.gray());
            a[3] += last.coverage();
        }
        Map<String, LineStats> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, new LineStats(a[0] / a[1], a[2] / a[3])));
        return out;
    }

    @Test
    void linesDifferMeasurably() {
        Map<String, LineStats> s = lineStats();
        System.out.println("line stats: " + s);
        double round = s.get("SynRound").meanArea();
        double spindle = s.get("SynSpindle").meanArea();
        double colony = s.get("SynColony").meanArea();
        double spread = s.get("SynSpread").meanArea();
        assertTrue(spread > 2 * colony, "spread cells are the largest: " + s);
        assertTrue(colony > 1.6 * round && colony > 1.6 * spindle, "colony cells are larger than round/spindle: " + s);
        // spindle cells carry long thin processes: much more textured area around the same body area
        assertTrue(s.get("SynSpindle").foregroundPerCoverage() > 1.25 * s.get("SynRound").foregroundPerCoverage(),
                "spindle processes: " + s);
        List<String> names = new ArrayList<>(s.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                LineStats a = s.get(names.get(i));
                LineStats b = s.get(names.get(j));
                double dArea = Math.max(a.meanArea(), b.meanArea()) / Math.min(a.meanArea(), b.meanArea());
                double dFg = Math.max(a.foregroundPerCoverage(), b.foregroundPerCoverage())
                        / Math.min(a.foregroundPerCoverage(), b.foregroundPerCoverage());
                assertTrue(dArea > 1.3 || dFg > 1.25, names.get(i) + " vs " + names.get(j) + ": " + s);
            }
        }
    }

    @Test
    void confluencyGrowsWithinEveryPosition() {
        for (var e : frames.entrySet()) {
            List<RenderedFrame> f = e.getValue();
            RenderedFrame first = f.get(0);
            RenderedFrame last = f.get(f.size() - 1);
            String where = e.getKey().relativePath(0);
            assertTrue(last.coverage() > first.coverage(), "true confluency grows in " + where);
            if (last.coverage() - first.coverage() > 0.02) {
                assertTrue(foreground(last.gray()) > foreground(first.gray()), "visible confluency grows in " + where);
            }
        }
    }

    @Test
    void linesGrowAtDifferentRates() {
        // SynRound doubles in ~20 h, SynSpindle in ~38 h: compare cell counts per hour over the run
        Map<String, double[]> rate = new LinkedHashMap<>();
        for (var e : frames.entrySet()) {
            List<RenderedFrame> f = e.getValue();
            RenderedFrame a = f.get(0);
            RenderedFrame b = f.get(f.size() - 1);
            double hours = (b.minutes() - a.minutes()) / 60.0;
            double[] acc = rate.computeIfAbsent(e.getKey().line().name(), k -> new double[2]);
            acc[0] += Math.log((b.cells() + 1.0) / (a.cells() + 1.0)) / hours;
            acc[1]++;
        }
        double round = rate.get("SynRound")[0] / rate.get("SynRound")[1];
        double spindle = rate.get("SynSpindle")[0] / rate.get("SynSpindle")[1];
        assertTrue(round > 1.3 * spindle, "round " + round + " vs spindle " + spindle + " per hour");
    }

    /** Sd of each 8x8 block: where the cells are. */
    static double[] blockMap(byte[] g) {
        int bs = 8;
        int bw = W / bs;
        int bh = H / bs;
        double[] m = new double[bw * bh];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                double s = 0;
                double s2 = 0;
                for (int y = 0; y < bs; y++) {
                    for (int x = 0; x < bs; x++) {
                        int v = g[(by * bs + y) * W + bx * bs + x] & 255;
                        s += v;
                        s2 += v * v;
                    }
                }
                double mean = s / (bs * bs);
                m[by * bw + bx] = Math.sqrt(Math.max(0, s2 / (bs * bs) - mean * mean));
            }
        }
        return m;
    }

    static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb + 1e-12);
    }

    @Test
    void aPositionIsATimeLapseOfTheSameCells() {
        List<SequencePlan> seqs = new ArrayList<>(frames.keySet());
        double consecutive = 0;
        double unrelated = 0;
        int n = 0;
        for (int i = 0; i + 1 < seqs.size(); i += 2) {
            // positions 0 and 1 of the same batch: same line, same optics, different cells
            List<RenderedFrame> p0 = frames.get(seqs.get(i));
            List<RenderedFrame> p1 = frames.get(seqs.get(i + 1));
            assertEquals(seqs.get(i).batch(), seqs.get(i + 1).batch());
            for (int k = 0; k + 1 < p0.size(); k++) {
                consecutive += correlation(blockMap(p0.get(k).gray()), blockMap(p0.get(k + 1).gray()));
                unrelated += correlation(blockMap(p0.get(k).gray()), blockMap(p1.get(k + 1).gray()));
                n++;
            }
        }
        consecutive /= n;
        unrelated /= n;
        System.out.printf("frame-to-frame correlation: consecutive %.2f, other position %.2f%n", consecutive, unrelated);
        assertTrue(consecutive > 0.5, "consecutive frames share their cells: " + consecutive);
        assertTrue(consecutive > unrelated + 0.4, "consecutive " + consecutive + " vs unrelated " + unrelated);
    }

    @Test
    void looksLikePhaseContrast() {
        for (var e : frames.entrySet()) {
            RenderedFrame f = e.getValue().get(e.getValue().size() - 1);
            int[] hist = new int[256];
            for (byte b : f.gray()) {
                hist[b & 255]++;
            }
            int n = f.gray().length;
            int median = percentile(hist, n, 0.5);
            String where = e.getKey().relativePath(e.getValue().size() - 1);
            assertTrue(median > 85 && median < 175, "mid-gray background in " + where + ": " + median);
            assertTrue(hist[0] + hist[255] < n / 500, "hardly any clipped pixels in " + where);
            if (f.coverage() > 0.05) {
                // bright halos and dark cell detail on both sides of the background
                assertTrue(percentile(hist, n, 0.995) > median + 15, "bright halos in " + where);
                assertTrue(percentile(hist, n, 0.005) < median - 15, "dark detail in " + where);
            }
        }
    }

    @Test
    void brightnessFollowsTheBatchIllumination() {
        for (var e : frames.entrySet()) {
            RenderedFrame f = e.getValue().get(0);
            int[] hist = new int[256];
            for (byte b : f.gray()) {
                hist[b & 255]++;
            }
            int median = percentile(hist, f.gray().length, 0.5);
            double expected = e.getKey().batch().brightness();
            assertTrue(Math.abs(median - expected) < 0.15 * expected,
                    "median " + median + " vs illumination " + expected + " in " + e.getKey().relativePath(0));
        }
    }

    static int percentile(int[] hist, int n, double p) {
        long target = (long) Math.ceil(p * n);
        long c = 0;
        for (int v = 0; v < 256; v++) {
            c += hist[v];
            if (c >= target) {
                return v;
            }
        }
        return 255;
    }
}
