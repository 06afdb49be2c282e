package org.clanet.workbench.app.charts;

import java.util.Arrays;

/** Every point of one curve, in growable primitive arrays (100k points = 1.6 MB, no boxing). Not thread-safe. */
public final class SeriesBuffer {

    private double[] x = new double[1024];
    private double[] y = new double[1024];
    private int size;

    public void add(double px, double py) {
        if (size == x.length) {
            x = Arrays.copyOf(x, size * 2);
            y = Arrays.copyOf(y, size * 2);
        }
        x[size] = px;
        y[size] = py;
        size++;
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    /** At most about {@code 4 * columns} points for drawing. */
    public Decimation.Points decimated(int columns) {
        return Decimation.minMax(x, y, size, columns);
    }

    public void clear() {
        size = 0;
    }
}
