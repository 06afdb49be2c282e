package org.clanet.workbench.app.viewer;

/**
 * Image → view mapping of the viewer: {@code viewX = tx + scale * imageX}, {@code viewY = ty + scale * imageY}.
 * Immutable; overlay layers use it to place what they draw.
 */
public record ViewTransform(double scale, double tx, double ty) {

    public static final double MIN_SCALE = 0.02;
    public static final double MAX_SCALE = 64;
    public static final ViewTransform IDENTITY = new ViewTransform(1, 0, 0);

    public ViewTransform {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, was " + scale);
        }
    }

    /** The whole image, as large as fits, centred. */
    public static ViewTransform fit(double imageW, double imageH, double viewW, double viewH) {
        if (imageW <= 0 || imageH <= 0 || viewW <= 0 || viewH <= 0) {
            return IDENTITY;
        }
        double s = clamp(Math.min(viewW / imageW, viewH / imageH));
        return new ViewTransform(s, (viewW - s * imageW) / 2, (viewH - s * imageH) / 2);
    }

    /** Zooms by {@code factor} keeping the image point under view point (px, py) in place. */
    public ViewTransform zoomAt(double factor, double px, double py) {
        double s = clamp(scale * factor);
        double ix = toImageX(px);
        double iy = toImageY(py);
        return new ViewTransform(s, px - s * ix, py - s * iy);
    }

    /** One screen pixel per image pixel, keeping the image point at the view's centre in place. */
    public ViewTransform oneToOne(double viewW, double viewH) {
        return zoomAt(1 / scale, viewW / 2, viewH / 2);
    }

    public ViewTransform panBy(double dx, double dy) {
        return new ViewTransform(scale, tx + dx, ty + dy);
    }

    public double toImageX(double viewX) {
        return (viewX - tx) / scale;
    }

    public double toImageY(double viewY) {
        return (viewY - ty) / scale;
    }

    public double toViewX(double imageX) {
        return tx + scale * imageX;
    }

    public double toViewY(double imageY) {
        return ty + scale * imageY;
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
