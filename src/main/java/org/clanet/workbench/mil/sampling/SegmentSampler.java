package org.clanet.workbench.mil.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Time-series Segment Sampling (CLANet, datasets/Cell_Sampling_new.py:148-289) as METHOD.md's appendix reads
 * the published code: integer hours, E = mean gap clipped to [1, 8], g ~ normal pdf(g; E, std{1..8}) over
 * g = 1..8 with every epoch's g drawn up front, whole sequence with weight 1 when {@code g <= round(E)}
 * (Python's half-to-even), else absolute segment boundaries (frame 0 never tested, {@code t > b} and
 * {@code t == b} rules), k frames per segment, redraw while empty, weight n/N + clip(sparsity, 0, 1) with
 * rE = round(E).
 *
 * <p>Two fixes, both documented in docs/MIL.md: a snippet of one frame has sparsity 0 (published: 0/0 = NaN,
 * which poisons every parameter after one step), and the first {@code min(warmupEpochs, epochs)} epochs take
 * the whole sequence (published: a non-permuting swap that only works when E is an integer).
 *
 * <p>Reproducible and resumable: a {@link Plan} draws all g from {@code seed}; epoch e's frames come from a
 * random source derived from (seed, e) only, so a resumed run draws the same snippets as an uninterrupted one.
 */
public final class SegmentSampler {

    public static final int MIN_GAP_HOURS = 1;
    public static final int MAX_GAP_HOURS = 8;
    /** Published warm-up length in epochs. */
    public static final int DEFAULT_WARMUP_EPOCHS = 5;
    /** np.std(np.arange(1, 9)) = sqrt(5.25): the published spread of g around E. */
    public static final double G_SD = Math.sqrt(5.25);

    private final int warmupEpochs;

    public SegmentSampler() {
        this(DEFAULT_WARMUP_EPOCHS);
    }

    public SegmentSampler(int warmupEpochs) {
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
        }
        this.warmupEpochs = warmupEpochs;
    }

    public int warmupEpochs() {
        return warmupEpochs;
    }

    /** Mean gap between consecutive frames in integer hours, clipped to [1, 8]. */
    public static double expectedInterval(int[] hours) {
        requireUsable(hours);
        double sum = 0;
        for (int i = 1; i < hours.length; i++) {
            sum += hours[i] - hours[i - 1];
        }
        double e = sum / (hours.length - 1);
        return Math.max(MIN_GAP_HOURS, Math.min(MAX_GAP_HOURS, e));
    }

    /** p(g) for g = 1..8 (index g-1): normal pdf(g; E, {@link #G_SD}) normalised to sum 1. */
    public static double[] gapProbabilities(double expected) {
        double[] p = new double[MAX_GAP_HOURS - MIN_GAP_HOURS + 1];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double z = (MIN_GAP_HOURS + i - expected) / G_SD;
            p[i] = Math.exp(-0.5 * z * z);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Python 3's round(): half to even (round(4.5) = 4, round(5.5) = 6). */
    public static long roundHalfEven(double x) {
        return (long) Math.rint(x);
    }

    /**
     * Segment boundaries by the published rule: indices {@code ends[0] = 0 < ends[1] < … = N}; segment s is
     * frames {@code ends[s] .. ends[s+1]-1}. Boundary b starts at g hours after seeding (absolute, not after
     * the first frame); frame 0 is never tested; {@code t > b} closes a segment before the frame and advances b
     * by g while b < t; {@code t == b} closes it after the frame and re-anchors b at the next frame's time + g.
     */
    public static int[] segmentEnds(int[] hours, int g) {
        if (g < 1) {
            throw new IllegalArgumentException("segment length must be >= 1 h, got " + g);
        }
        int n = hours.length;
        List<Integer> ends = new ArrayList<>();
        ends.add(0);
        long b = g;
        for (int i = 1; i < n; i++) {
            long t = hours[i];
            if (t > b) {
                ends.add(i);
                while (b < t) {
                    b += g;
                }
            } else if (t == b) {
                ends.add(i + 1);
                if (i + 1 < n) {
                    b = hours[i + 1] + (long) g;
                }
            }
        }
        if (ends.get(ends.size() - 1) < n) {
            ends.add(n);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The published sample weight of a proper snippet (g > rE): n/N + clip(Σ_{gaps ≤ g} (gap/rE − 1) /
     * ((g/rE − 1)(n − 1)), 0, 1). Fix: n = 1 has sparsity 0 (published NaN).
     */
    public static double weight(int[] hours, int[] frames, int g, int roundedExpected) {
        int n = frames.length;
        double imagePercent = (double) n / hours.length;
        if (n == 1) {
            return imagePercent;
        }
        double sum = 0;
        for (int i = 1; i < n; i++) {
            int gap = hours[frames[i]] - hours[frames[i - 1]];
            if (gap <= g) {
                sum += (double) gap / roundedExpected - 1;
            }
        }
        double sparsity = sum / (((double) g / roundedExpected - 1) * (n - 1));
        return imagePercent + Math.max(0, Math.min(1, sparsity));
    }

    /** Plans {@code epochs} epochs for one sequence: all g drawn now from {@code seed}. */
    public Plan plan(int[] hours, int epochs, long seed) {
        requireUsable(hours);
        for (int i = 1; i < hours.length; i++) {
            if (hours[i] < hours[i - 1]) {
                throw new IllegalArgumentException("frame times must be in time order; frame " + i + " at "
                        + hours[i] + " h follows " + hours[i - 1] + " h");
            }
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        double e = expectedInterval(hours);
        int rE = (int) roundHalfEven(e);
        double[] p = gapProbabilities(e);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] gs = new int[epochs];
        for (int ep = 0; ep < epochs; ep++) {
            gs[ep] = drawGap(p, rng);
        }
        // FIX warm-up: whole sequences first; report g = round(E), which takes the whole sequence by the rule.
        for (int ep = 0; ep < Math.min(warmupEpochs, epochs); ep++) {
            gs[ep] = rE;
        }
        return new Plan(hours.clone(), e, rE, gs, seed);
    }

    /**
     * The sampling seed of one sequence in a run: training and {@code clanet snippets} derive it the same way,
     * so the command shows the snippets a run with that seed draws.
     */
    public static long seedFor(long runSeed, String sequenceId) {
        long h = runSeed;
        for (int i = 0; i < sequenceId.length(); i++) {
            h = h * 0x100000001B3L ^ sequenceId.charAt(i);
        }
        long z = h + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Convenience: every epoch's snippet. */
    public List<Snippet> sample(int[] hours, int epochs, long seed) {
        Plan plan = plan(hours, epochs, seed);
        List<Snippet> out = new ArrayList<>(epochs);
        for (int ep = 0; ep < epochs; ep++) {
            out.add(plan.snippet(ep));
        }
        return out;
    }

    private static int drawGap(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double cum = 0;
        for (int i = 0; i < p.length; i++) {
            cum += p[i];
            if (u < cum) {
                return MIN_GAP_HOURS + i;
            }
        }
        return MAX_GAP_HOURS;
    }

    private static void requireUsable(int[] hours) {
        if (hours.length < 2) {
            throw new IllegalArgumentException("segment sampling needs at least 2 frames, got " + hours.length);
        }
    }

    /**
     * One sequence's sampling over a run: E, round(E) and every epoch's g fixed up front.
     *
     * @param gaps g per epoch (warm-up epochs already set to round(E))
     */
    public record Plan(int[] hours, double expected, int roundedExpected, int[] gaps, long seed) {

        public int epochs() {
            return gaps.length;
        }

        /** Epoch {@code epoch}'s snippet; the same for the same plan and epoch, whatever was drawn before. */
        public Snippet snippet(int epoch) {
            int g = gaps[epoch];
            int n = hours.length;
            if (g <= roundedExpected) {
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                return new Snippet(epoch, g, all, 1.0);
            }
            int[] ends = segmentEnds(hours, g);
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
            int[] picked;
            do {
                picked = drawOnce(ends, rng);
            } while (picked.length == 0);
            return new Snippet(epoch, g, picked, weight(hours, picked, g, roundedExpected));
        }

        private static int[] drawOnce(int[] ends, SplittableRandom rng) {
            List<Integer> out = new ArrayList<>();
            for (int s = 0; s + 1 < ends.length; s++) {
                int start = ends[s];
                int len = ends[s + 1] - start;
                int k = len > 1 ? 1 + rng.nextInt(len) : rng.nextInt(2);
                // Partial Fisher-Yates: k distinct frames of the segment, then sorted (np.sort(choice(...))).
                int[] idx = new int[len];
                for (int i = 0; i < len; i++) {
                    idx[i] = i;
                }
                for (int i = 0; i < k; i++) {
                    int j = i + rng.nextInt(len - i);
                    int tmp = idx[i];
                    idx[i] = idx[j];
                    idx[j] = tmp;
                }
                int[] chosen = java.util.Arrays.copyOf(idx, k);
                java.util.Arrays.sort(chosen);
                for (int c : chosen) {
                    out.add(start + c);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        private static long mix(long seed, int epoch) {
            // SplitMix64 finaliser over (seed, epoch): independent streams per epoch.
            long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
