package org.clanet.workbench.mil.heatmap;

/**
 * How a heatmap looks.
 *
 * @param colorMap   viridis (default) or inferno
 * @param scaleMode  percentile (default) or raw
 * @param renderMode smooth (default) or patch boxes
 * @param alpha      opacity of the heatmap over the frame, 0..1 (default 0.4)
 * @param threshold  normalised attention below which the map is transparent, 0..1 (default 0.1: the least
 *                   attended tenth of the range shows the frame, not a wash of the colour map's darkest colour)
 */
public record HeatmapStyle(ColorMap colorMap, ScaleMode scaleMode, RenderMode renderMode, double alpha,
                           double threshold) {

    public static final double DEFAULT_ALPHA = 0.4;
    public static final double DEFAULT_THRESHOLD = 0.1;
    public static final HeatmapStyle DEFAULT = new HeatmapStyle(ColorMap.VIRIDIS, ScaleMode.PERCENTILE,
            RenderMode.SMOOTH, DEFAULT_ALPHA, DEFAULT_THRESHOLD);

    public HeatmapStyle {
        if (colorMap == null || scaleMode == null || renderMode == null) {
            throw new IllegalArgumentException("colour map, scale and render mode are required");
        }
        if (!(alpha >= 0 && alpha <= 1) || !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("alpha and threshold must be in [0,1], were " + alpha + ", "
                    + threshold);
        }
    }

    public HeatmapStyle withColorMap(ColorMap m) {
        return new HeatmapStyle(m, scaleMode, renderMode, alpha, threshold);
    }

    public HeatmapStyle withScaleMode(ScaleMode m) {
        return new HeatmapStyle(colorMap, m, renderMode, alpha, threshold);
    }

    public HeatmapStyle withRenderMode(RenderMode m) {
        return new HeatmapStyle(colorMap, scaleMode, m, alpha, threshold);
    }

    public HeatmapStyle withAlpha(double a) {
        return new HeatmapStyle(colorMap, scaleMode, renderMode, a, threshold);
    }

    public HeatmapStyle withThreshold(double t) {
        return new HeatmapStyle(colorMap, scaleMode, renderMode, alpha, t);
    }
}
