package org.clanet.workbench.mil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clanet.workbench.mil.bag.Bag;

/**
 * Batch QC (beyond the published method): what the training bags looked like in time (imaging interval,
 * usable frame count, time span, first frame after seeding) and warnings for a predicted sequence outside
 * those ranges, where the model is extrapolating (acquisition and proliferation batch effects).
 */
public record BatchQc(double minIntervalHours, double maxIntervalHours, int minFrames, int maxFrames,
                      int minSpanHours, int maxSpanHours, int minStartHours, int maxStartHours) {

    public static BatchQc of(List<Bag> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("QC ranges need training bags");
        }
        double minI = Double.POSITIVE_INFINITY;
        double maxI = 0;
        int minF = Integer.MAX_VALUE;
        int maxF = 0;
        int minS = Integer.MAX_VALUE;
        int maxS = 0;
        int minT = Integer.MAX_VALUE;
        int maxT = 0;
        for (Bag b : training) {
            minI = Math.min(minI, b.meanIntervalHours());
            maxI = Math.max(maxI, b.meanIntervalHours());
            minF = Math.min(minF, b.frameCount());
            maxF = Math.max(maxF, b.frameCount());
            minS = Math.min(minS, b.spanHours());
            maxS = Math.max(maxS, b.spanHours());
            minT = Math.min(minT, b.hours()[0]);
            maxT = Math.max(maxT, b.hours()[0]);
        }
        return new BatchQc(minI, maxI, minF, maxF, minS, maxS, minT, maxT);
    }

    /** Warnings for one sequence's usable frames (sampling hours, time order); empty when inside every range. */
    public List<String> warnings(int[] usableHours) {
        List<String> w = new ArrayList<>();
        int n = usableHours.length;
        if (n == 0) {
            w.add("no usable frames (every frame has too few patches)");
            return w;
        }
        double interval = n < 2 ? 0 : (double) (usableHours[n - 1] - usableHours[0]) / (n - 1);
        int span = usableHours[n - 1] - usableHours[0];
        if (n >= 2 && (interval < minIntervalHours - 1e-9 || interval > maxIntervalHours + 1e-9)) {
            w.add(String.format(Locale.ROOT, "imaging interval %.1f h is outside the training range %.1f–%.1f h",
                    interval, minIntervalHours, maxIntervalHours));
        }
        if (n < minFrames || n > maxFrames) {
            w.add(String.format(Locale.ROOT, "%d usable frames, the training sequences had %d–%d", n, minFrames,
                    maxFrames));
        }
        if (span < minSpanHours || span > maxSpanHours) {
            w.add(String.format(Locale.ROOT, "time span %d h is outside the training range %d–%d h", span,
                    minSpanHours, maxSpanHours));
        }
        if (usableHours[0] < minStartHours || usableHours[0] > maxStartHours) {
            w.add(String.format(Locale.ROOT, "first frame at %d h after seeding, the training sequences started at"
                    + " %d–%d h", usableHours[0], minStartHours, maxStartHours));
        }
        return w;
    }
}
