package org.clanet.workbench.mil.heatmap;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * The attention range [lo, hi] that maps to the colour map's [0,1], computed once per sequence so that all its
 * frames share one scale (a frame's colours can then be compared with the next frame's).
 *
 * @param mode how the range was chosen
 * @param lo   attention shown as 0 (and transparent below the threshold)
 * @param hi   attention shown as 1
 */
public record AttentionScale(ScaleMode mode, double lo, double hi) {

    /**
     * A percentile range narrower than this fraction of its top is treated as uniform attention: stretching
     * differences in the fifth significant digit across the whole colour map would show structure that is not
     * there (seen with an untrained model: every patch at 1/80 ± 1e-6).
     */
    public static final double MIN_RELATIVE_SPREAD = 0.01;

    /** Percentiles of {@link ScaleMode#PERCENTILE}. */
    public static final double LOW_PERCENTILE = 2;
    public static final double HIGH_PERCENTILE = 98;

    public AttentionScale {
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("scale needs lo <= hi, was " + lo + " .. " + hi);
        }
    }

    /** The scale of a sequence's patch attention values. */
    public static AttentionScale of(ScaleMode mode, double[] attention) {
        if (attention.length == 0) {
            return new AttentionScale(mode, 0, 0);
        }
        double[] sorted = attention.clone();
        Arrays.sort(sorted);
        if (mode == ScaleMode.RAW) {
            return new AttentionScale(mode, 0, Math.max(0, sorted[sorted.length - 1]));
        }
        double lo = percentile(sorted, LOW_PERCENTILE);
        double hi = percentile(sorted, HIGH_PERCENTILE);
        if (hi - lo < MIN_RELATIVE_SPREAD * Math.abs(hi)) {
            return new AttentionScale(mode, hi, hi); // uniform: one colour (see normalise)
        }
        return new AttentionScale(mode, lo, hi);
    }

    /** The scale of every patch of the given frames (one sequence). */
    public static AttentionScale of(ScaleMode mode, Collection<FrameAttention> frames) {
        return of(mode, frames.stream().flatMap(f -> f.patches().stream())
                .mapToDouble(PatchAttention::attention).toArray());
    }

    /** NumPy's default ("linear") percentile of sorted values, p in [0,100]. */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double frac = pos - i;
        return sorted[i] + frac * (sorted[i + 1] - sorted[i]);
    }

    /**
     * Attention mapped to [0,1], clipped. When the range is empty (all values equal) every value near it maps
     * to 0.5: a uniform map is drawn in one (middle) colour, not left out.
     */
    public double normalise(double attention) {
        double span = hi - lo;
        if (span <= 0) {
            // Uniform attention: every patch in the middle colour (nothing stands out), none left out.
            return hi > 0 && attention >= hi * (1 - MIN_RELATIVE_SPREAD) ? 0.5 : 0;
        }
        return Math.max(0, Math.min(1, (attention - lo) / span));
    }

    /** "percentile 2–98 %: 0.00121 – 0.0450", "raw: 0 – 0.0450", "uniform: 0.0125". */
    public String describe() {
        if (hi == lo && mode == ScaleMode.PERCENTILE) {
            return String.format(Locale.ROOT, "uniform attention: %.3g (no patch stands out)", hi);
        }
        String range = String.format(Locale.ROOT, "%.3g – %.3g", lo, hi);
        return mode == ScaleMode.RAW ? "raw: " + range
                : String.format(Locale.ROOT, "percentile %.0f–%.0f %%: %s", LOW_PERCENTILE, HIGH_PERCENTILE, range);
    }
}
