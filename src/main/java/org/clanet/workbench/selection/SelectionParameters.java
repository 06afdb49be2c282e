package org.clanet.workbench.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every parameter of METHOD.md §1 (mask) and §2 (cluster selection), named and overridable. {@link #defaults()}
 * reproduces the published pipeline. {@link #names()}, {@link #get(String)} and {@link #with(String, String)} let the
 * CLI ({@code --param name=value}) and the GUI property sheet list and set them by name.
 *
 * @param percentileLow     §1.1 lower percentile of the contrast stretch (0.2)
 * @param percentileHigh    §1.1 upper percentile (99.8)
 * @param cannySigma        §1.3 Gaussian sigma of the Canny detector (1.0)
 * @param cannyLow          §1.3 low hysteresis threshold on the Sobel magnitude, fraction of the float range (0.1)
 * @param cannyHigh         §1.3 high hysteresis threshold (0.2)
 * @param polarityThreshold §1.4 invert the threshold mask when the fraction of pixels where edges and threshold
 *                          disagree is at least this (0.5)
 * @param fillSize          §1.5 side of the square structure of the hole filling (published 6)
 * @param maxIterations     §1.5 refinement iterations at most (10)
 * @param tolerance         §1.5 stop when the fraction of changed pixels is below this (1e-4)
 * @param minHoleArea       §1.6 holes smaller than this are filled (64)
 * @param minObjectArea     §1.6 objects smaller than this are removed (100)
 * @param patchSize         §2 side of a patch (112)
 * @param bbNumLimit        §2.1 labels kept, counting the background label (40)
 * @param tileFactor        §2.2 a component box is also tiled when its mask pixels exceed tileFactor*patch² (2)
 * @param intensityBins     §2.4 bins of the intensity histogram over codes 0..255 (25)
 * @param textureBins       §2.4 bins of the LBP histogram over 0..255 (10)
 * @param finalRegion       §2.7 patches kept per image (20)
 * @param minPatches        frames with fewer patches get a note; the MIL stage skips them (10)
 * @param grayCodes         how the image's values are taken: {@code auto} = on integer codes when the image holds
 *                          exact 8/16-bit codes (what scikit-image does for a gray 8/16-bit file), else floats;
 *                          {@code integer} or {@code float} force one
 */
public record SelectionParameters(
        double percentileLow,
        double percentileHigh,
        double cannySigma,
        double cannyLow,
        double cannyHigh,
        double polarityThreshold,
        int fillSize,
        int maxIterations,
        double tolerance,
        int minHoleArea,
        int minObjectArea,
        int patchSize,
        int bbNumLimit,
        double tileFactor,
        int intensityBins,
        int textureBins,
        int finalRegion,
        int minPatches,
        String grayCodes) {

    public SelectionParameters {
        check(percentileLow >= 0 && percentileLow < percentileHigh && percentileHigh <= 100,
                "need 0 <= percentileLow < percentileHigh <= 100");
        check(cannySigma >= 0, "cannySigma must be >= 0");
        check(cannyLow >= 0 && cannyLow <= cannyHigh, "need 0 <= cannyLow <= cannyHigh");
        check(polarityThreshold >= 0 && polarityThreshold <= 1, "polarityThreshold must be in [0,1]");
        check(fillSize >= 1 && fillSize <= 31, "fillSize must be in 1..31");
        check(maxIterations >= 0, "maxIterations must be >= 0");
        check(tolerance >= 0, "tolerance must be >= 0");
        check(minHoleArea >= 0, "minHoleArea must be >= 0");
        check(minObjectArea >= 0, "minObjectArea must be >= 0");
        check(patchSize >= 1, "patchSize must be >= 1");
        check(bbNumLimit >= 1, "bbNumLimit must be >= 1");
        check(tileFactor >= 0, "tileFactor must be >= 0");
        check(intensityBins >= 1 && textureBins >= 1, "histogram bins must be >= 1");
        check(finalRegion >= 0, "finalRegion must be >= 0");
        check(minPatches >= 0, "minPatches must be >= 0");
        grayCodes = grayCodes == null ? "auto" : grayCodes.toLowerCase(Locale.ROOT);
        check(grayCodes.equals("auto") || grayCodes.equals("integer") || grayCodes.equals("float"),
                "grayCodes must be auto, integer or float");
    }

    /** The published defaults. */
    public static SelectionParameters defaults() {
        return new SelectionParameters(0.2, 99.8, 1.0, 0.1, 0.2, 0.5, 6, 10, 1e-4, 64, 100,
                112, 40, 2.0, 25, 10, 20, 10, "auto");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** One named parameter: its name, its type, a one-line description and how to read and set it. */
    public record Spec(String name, Class<?> type, String description,
                       Function<SelectionParameters, Object> getter,
                       BiFunction<SelectionParameters, String, SelectionParameters> setter) {
    }

    private static final List<Spec> SPECS = List.of(
            d("percentileLow", "lower percentile of the contrast stretch (§1.1)", SelectionParameters::percentileLow,
                    (p, v) -> p.copy(0, v)),
            d("percentileHigh", "upper percentile of the contrast stretch (§1.1)", SelectionParameters::percentileHigh,
                    (p, v) -> p.copy(1, v)),
            d("cannySigma", "Gaussian sigma of Canny (§1.3)", SelectionParameters::cannySigma, (p, v) -> p.copy(2, v)),
            d("cannyLow", "Canny low threshold, fraction of the float range (§1.3)", SelectionParameters::cannyLow,
                    (p, v) -> p.copy(3, v)),
            d("cannyHigh", "Canny high threshold, fraction of the float range (§1.3)", SelectionParameters::cannyHigh,
                    (p, v) -> p.copy(4, v)),
            d("polarityThreshold", "invert the threshold mask when edges/threshold disagree on at least this fraction (§1.4)",
                    SelectionParameters::polarityThreshold, (p, v) -> p.copy(5, v)),
            i("fillSize", "side of the square structure of hole filling (§1.5, published 6)",
                    SelectionParameters::fillSize, (p, v) -> p.copy(6, v)),
            i("maxIterations", "mask refinement iterations at most (§1.5)", SelectionParameters::maxIterations,
                    (p, v) -> p.copy(7, v)),
            d("tolerance", "stop refining when the changed fraction is below this (§1.5)", SelectionParameters::tolerance,
                    (p, v) -> p.copy(8, v)),
            i("minHoleArea", "fill holes smaller than this many pixels (§1.6)", SelectionParameters::minHoleArea,
                    (p, v) -> p.copy(9, v)),
            i("minObjectArea", "remove objects smaller than this many pixels (§1.6)", SelectionParameters::minObjectArea,
                    (p, v) -> p.copy(10, v)),
            i("patchSize", "side of a patch in pixels (§2)", SelectionParameters::patchSize, (p, v) -> p.copy(11, v)),
            i("bbNumLimit", "labels kept, background included (§2.1)", SelectionParameters::bbNumLimit,
                    (p, v) -> p.copy(12, v)),
            d("tileFactor", "tile a component whose mask pixels exceed this many patch areas (§2.2)",
                    SelectionParameters::tileFactor, (p, v) -> p.copy(13, v)),
            i("intensityBins", "bins of the intensity histogram (§2.4)", SelectionParameters::intensityBins,
                    (p, v) -> p.copy(14, v)),
            i("textureBins", "bins of the LBP texture histogram (§2.4)", SelectionParameters::textureBins,
                    (p, v) -> p.copy(15, v)),
            i("finalRegion", "patches kept per image (§2.7)", SelectionParameters::finalRegion, (p, v) -> p.copy(16, v)),
            i("minPatches", "frames with fewer patches get a note (MIL skips them)", SelectionParameters::minPatches,
                    (p, v) -> p.copy(17, v)),
            new Spec("grayCodes", String.class, "auto|integer|float: process integer codes like scikit-image does for gray files",
                    SelectionParameters::grayCodes, (p, v) -> p.copy(18, v)));

    private static Spec d(String name, String description, Function<SelectionParameters, Object> g,
                          BiFunction<SelectionParameters, String, SelectionParameters> s) {
        return new Spec(name, double.class, description, g, s);
    }

    private static Spec i(String name, String description, Function<SelectionParameters, Object> g,
                          BiFunction<SelectionParameters, String, SelectionParameters> s) {
        return new Spec(name, int.class, description, g, s);
    }

    /** All parameters in a stable order. */
    public static List<Spec> specs() {
        return SPECS;
    }

    /** All parameter names in a stable order. */
    public static List<String> names() {
        return SPECS.stream().map(Spec::name).toList();
    }

    public static Spec spec(String name) {
        for (Spec s : SPECS) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown selection parameter '" + name + "'; known: " + names());
    }

    /** The value of a parameter by name (Double, Integer or String). */
    public Object get(String name) {
        return spec(name).getter().apply(this);
    }

    /** A copy with one parameter set from its text form; throws IllegalArgumentException on a bad name or value. */
    public SelectionParameters with(String name, String value) {
        return spec(name).setter().apply(this, value.trim());
    }

    /** A copy with {@code name=value} applied. */
    public SelectionParameters withAssignment(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected name=value, got '" + assignment + "'");
        }
        return with(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
    }

    /** name -> value, in {@link #names()} order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Spec s : SPECS) {
            m.put(s.name(), s.getter().apply(this));
        }
        return m;
    }

    /**
     * Parameters that change neither the mask nor the patches, only how a result is judged afterwards (a note on a
     * frame with fewer than {@code minPatches} patches): stored results stay valid when they change, so they are
     * left out of cache keys ({@link #resultMap()}).
     */
    private static final Set<String> NOT_IN_RESULT = Set.of("minPatches");

    /** Whether a parameter changes masks or patches (false: changing it keeps stored results fresh). */
    public static boolean affectsResult(String name) {
        return !NOT_IN_RESULT.contains(spec(name).name());
    }

    /** name -> value of the parameters that {@linkplain #affectsResult(String) affect the result}, for cache keys. */
    public Map<String, Object> resultMap() {
        Map<String, Object> m = asMap();
        m.keySet().removeIf(n -> !affectsResult(n));
        return m;
    }

    /** A canonical text of all values, for cache keys: equal parameters give equal strings. */
    public String canonical() {
        StringBuilder sb = new StringBuilder("selection-v1");
        for (Map.Entry<String, Object> e : asMap().entrySet()) {
            Object v = e.getValue();
            sb.append(';').append(e.getKey()).append('=')
                    .append(v instanceof Double dv ? Double.toString(dv) : String.valueOf(v));
        }
        return sb.toString();
    }

    private SelectionParameters copy(int index, String text) {
        Object[] v = {percentileLow, percentileHigh, cannySigma, cannyLow, cannyHigh, polarityThreshold, fillSize,
                maxIterations, tolerance, minHoleArea, minObjectArea, patchSize, bbNumLimit, tileFactor, intensityBins,
                textureBins, finalRegion, minPatches, grayCodes};
        Object old = v[index];
        String name = SPECS.get(index).name();
        try {
            if (old instanceof Integer) {
                v[index] = Integer.parseInt(text);
            } else if (old instanceof Double) {
                v[index] = Double.parseDouble(text);
            } else {
                v[index] = text;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + ": not a number: '" + text + "'");
        }
        return new SelectionParameters((Double) v[0], (Double) v[1], (Double) v[2], (Double) v[3], (Double) v[4],
                (Double) v[5], (Integer) v[6], (Integer) v[7], (Double) v[8], (Integer) v[9], (Integer) v[10],
                (Integer) v[11], (Integer) v[12], (Double) v[13], (Integer) v[14], (Integer) v[15], (Integer) v[16],
                (Integer) v[17], (String) v[18]);
    }
}
