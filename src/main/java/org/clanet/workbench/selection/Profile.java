package org.clanet.workbench.selection;

/** Stage timings for development (-Dclanet.selection.profile=true); off by default, then free. */
final class Profile {

    static final boolean ON = Boolean.getBoolean("clanet.selection.profile");
    static final String[] NAMES = {"stretch", "canny", "polarity+close", "fill0", "iterate", "small", "labels",
        "candidates", "features", "filter", "fill:label", "fill:seed", "fill:pending", "canny:stream", "canny:hyst",
        "canny:smooth", "canny:sobel", "canny:nms", "stretch:codes", "stretch:hist", "stretch:write", "features:boxes", "features:lbp", "features:hist"};
    static final long[] NANOS = new long[NAMES.length];
    private static final ThreadLocal<long[]> LAST = ThreadLocal.withInitial(() -> new long[1]);

    private Profile() {
    }

    static void start() {
        if (ON) {
            LAST.get()[0] = System.nanoTime();
        }
    }

    private static final ThreadLocal<long[]> SUB = ThreadLocal.withInitial(() -> new long[1]);

    static void subStart() {
        if (ON) {
            SUB.get()[0] = System.nanoTime();
        }
    }

    static void subLap(int stage) {
        if (ON) {
            long now = System.nanoTime();
            long[] l = SUB.get();
            synchronized (NANOS) {
                NANOS[stage] += now - l[0];
            }
            l[0] = now;
        }
    }

    /** The clock when profiling, else 0 (for splits inside a loop that are summed and passed to {@link #add}). */
    static long now() {
        return ON ? System.nanoTime() : 0L;
    }

    static void add(int stage, long nanos) {
        if (ON) {
            synchronized (NANOS) {
                NANOS[stage] += nanos;
            }
        }
    }

    static void lap(int stage) {
        if (ON) {
            long now = System.nanoTime();
            long[] l = LAST.get();
            synchronized (NANOS) {
                NANOS[stage] += now - l[0];
            }
            l[0] = now;
        }
    }

    static String report(int images) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            sb.append(String.format("%s %.2f ms  ", NAMES[i], NANOS[i] / 1e6 / Math.max(1, images)));
        }
        return sb.toString();
    }
}
