package org.clanet.workbench.app.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    @Test
    void fitCentresTheWholeImage() {
        ViewTransform t = ViewTransform.fit(704, 520, 1000, 500);
        assertEquals(500.0 / 520, t.scale(), 1e-9);
        assertEquals(0, t.toViewY(0), 1e-9);
        assertEquals(500, t.toViewY(520), 1e-9);
        assertEquals(1000 - t.toViewX(704), t.toViewX(0), 1e-9);
    }

    @Test
    void zoomKeepsThePointUnderThePointer() {
        ViewTransform t = ViewTransform.fit(100, 100, 400, 400);
        double ix = t.toImageX(123);
        double iy = t.toImageY(77);
        ViewTransform z = t.zoomAt(2.5, 123, 77);
        assertEquals(t.scale() * 2.5, z.scale(), 1e-9);
        assertEquals(ix, z.toImageX(123), 1e-9);
        assertEquals(iy, z.toImageY(77), 1e-9);
    }

    @Test
    void oneToOneAndPanAndClamp() {
        ViewTransform t = ViewTransform.fit(2000, 1000, 500, 250).oneToOne(500, 250);
        assertEquals(1, t.scale(), 1e-12);
        assertEquals(1000, t.toImageX(250), 1e-9); // centre stays on the image centre
        ViewTransform p = t.panBy(10, -5);
        assertEquals(t.tx() + 10, p.tx(), 1e-12);
        assertEquals(t.ty() - 5, p.ty(), 1e-12);
        assertEquals(ViewTransform.MAX_SCALE, t.zoomAt(1e6, 0, 0).scale(), 1e-12);
        assertEquals(ViewTransform.MIN_SCALE, t.zoomAt(1e-9, 0, 0).scale(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ViewTransform(0, 0, 0));
        assertEquals(ViewTransform.IDENTITY, ViewTransform.fit(10, 10, 0, 0));
    }
}
