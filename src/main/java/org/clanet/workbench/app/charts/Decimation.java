package org.clanet.workbench.app.charts;

/**
 * Min/max decimation for line charts: the x range is cut into {@code columns} equal columns (one per screen pixel
 * column of the plot) and each column keeps its first, lowest, highest and last point, in x order. A polyline
 * through those looks the same as through all points at that width (every spike's extreme is kept, no aliasing),
 * but has at most 4 points per column whatever the number of points.
 */
public final class Decimation {

    /** Decimated points. */
    public record Points(double[] x, double[] y, int size) {
    }

    private Decimation() {
    }

    /**
     * Reduces the first {@code n} points (x non-decreasing, as a training curve's steps are) to at most
     * {@code 4 * columns} points; returns them unchanged when there are not more than that.
     */
    public static Points minMax(double[] x, double[] y, int n, int columns) {
        if (n <= 4L * columns || n < 3) {
            return new Points(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), n);
        }
        double x0 = x[0];
        double span = x[n - 1] - x0;
        double[] ox = new double[4 * columns + 4];
        double[] oy = new double[ox.length];
        int out = 0;
        int written = -1;
        int i = 0;
        while (i < n) {
            int col = column(x[i], x0, span, columns);
            int first = i;
            int min = i;
            int max = i;
            int j = i + 1;
            while (j < n && column(x[j], x0, span, columns) == col) {
                if (y[j] < y[min]) {
                    min = j;
                }
                if (y[j] > y[max]) {
                    max = j;
                }
                j++;
            }
            int last = j - 1;
            int lo = Math.min(min, max);
            int hi = Math.max(min, max);
            for (int k : new int[] {first, lo, hi, last}) {
                if (k != written) { // indices come in order: a point that is two of these is written once
                    ox[out] = x[k];
                    oy[out] = y[k];
                    out++;
                    written = k;
                }
            }
            i = j;
        }
        return new Points(ox, oy, out);
    }

    private static int column(double v, double x0, double span, int columns) {
        if (span <= 0) {
            return 0;
        }
        return Math.min(columns - 1, (int) ((v - x0) / span * columns));
    }
}
