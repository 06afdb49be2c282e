package org.clanet.workbench.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Min/max decimation keeps the extremes and the ends, in x order, with at most 4 points per column. */
class DecimationTest {

    @Test
    void keepsEveryColumnsExtremesAndBothEnds() {
        int n = 100_000;
        SeriesBuffer b = new SeriesBuffer();
        for (int i = 0; i < n; i++) {
            double y = Math.sin(i / 500.0) + (i == 31_337 ? 5 : 0) - (i == 77_777 ? 4 : 0);
            b.add(i, y);
        }
        Decimation.Points p = b.decimated(500);
        assertTrue(p.size() <= 2000, "points: " + p.size());
        assertTrue(p.size() >= 1000, "points: " + p.size());
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            max = Math.max(max, p.y()[i]);
            min = Math.min(min, p.y()[i]);
            if (i > 0) {
                assertTrue(p.x()[i] > p.x()[i - 1], "strictly in x order at " + i);
            }
        }
        assertEquals(b.y(31_337), max, "the spike survives");
        assertEquals(b.y(77_777), min, "the dip survives");
        assertEquals(0, p.x()[0]);
        assertEquals(n - 1, p.x()[p.size() - 1]);
        assertEquals(n, b.size(), "the buffer keeps every point");
    }

    @Test
    void fewPointsPassUnchanged() {
        Decimation.Points p = Decimation.minMax(new double[] {0, 1, 2}, new double[] {3, 1, 2}, 3, 10);
        assertEquals(3, p.size());
        assertEquals(1, p.y()[1]);
    }
}
