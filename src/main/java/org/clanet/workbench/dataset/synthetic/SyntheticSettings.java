package org.clanet.workbench.dataset.synthetic;

/**
 * What to generate. Every field changes the output files; two runs with equal settings write byte-identical
 * files whatever the number of threads.
 *
 * @param seed        master seed
 * @param lines       number of cell lines, taken in order from {@link CellLineCatalog#all()}
 * @param batches     batches (experiments) per line
 * @param positions   positions (wells) per batch; each is one time-lapse sequence
 * @param timepoints  images per position
 * @param width       image width in pixels
 * @param height      image height in pixels
 * @param jpegQuality JPEG quality 1..100
 */
public record SyntheticSettings(long seed, int lines, int batches, int positions, int timepoints,
                                int width, int height, int jpegQuality) {

    public static final long DEFAULT_SEED = 1709;
    public static final int DEFAULT_LINES = 4;
    public static final int DEFAULT_BATCHES = 3;
    public static final int DEFAULT_POSITIONS = 2;
    public static final int DEFAULT_TIMEPOINTS = 8;
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final int DEFAULT_JPEG_QUALITY = 85;

    public static final int MAX_BATCHES = 48;
    /** Wells A1..H12 of one plate. */
    public static final int MAX_POSITIONS = 96;
    public static final int MAX_TIMEPOINTS = 1000;
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 4096;

    public SyntheticSettings {
        int maxLines = CellLineCatalog.all().size();
        check("lines", lines, 1, maxLines);
        check("batches", batches, 1, MAX_BATCHES);
        check("positions", positions, 1, MAX_POSITIONS);
        check("timepoints", timepoints, 1, MAX_TIMEPOINTS);
        check("width", width, MIN_SIZE, MAX_SIZE);
        check("height", height, MIN_SIZE, MAX_SIZE);
        check("JPEG quality", jpegQuality, 1, 100);
    }

    /** The defaults: 4 lines x 3 batches x 2 positions x 8 timepoints of 640x480, seed 1709. */
    public static SyntheticSettings defaults() {
        return new SyntheticSettings(DEFAULT_SEED, DEFAULT_LINES, DEFAULT_BATCHES, DEFAULT_POSITIONS,
                DEFAULT_TIMEPOINTS, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_JPEG_QUALITY);
    }

    public SyntheticSettings withSeed(long s) {
        return new SyntheticSettings(s, lines, batches, positions, timepoints, width, height, jpegQuality);
    }

    public SyntheticSettings withCounts(int l, int b, int p, int t) {
        return new SyntheticSettings(seed, l, b, p, t, width, height, jpegQuality);
    }

    public SyntheticSettings withSize(int w, int h) {
        return new SyntheticSettings(seed, lines, batches, positions, timepoints, w, h, jpegQuality);
    }

    public SyntheticSettings withJpegQuality(int q) {
        return new SyntheticSettings(seed, lines, batches, positions, timepoints, width, height, q);
    }

    /** Number of images these settings produce. */
    public long imageCount() {
        return (long) lines * batches * positions * timepoints;
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
