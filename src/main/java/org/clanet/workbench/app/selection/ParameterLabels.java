package org.clanet.workbench.app.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the Selection panel names the selection parameters for people: a label, a unit, a plain-language
 * explanation and a group (Mask / Clusters / Patches). The code name stays in the tooltip for scripting
 * ({@code clanet select --param name=value}). Parameters added later without an entry here show their code name
 * in an "Other" group.
 */
public final class ParameterLabels {

    /** A parameter as the panel shows it. */
    public record Label(String group, String text, String unit, String help) {
    }

    public static final String MASK = "Mask";
    public static final String CLUSTERS = "Clusters";
    public static final String PATCHES = "Patches";
    public static final String OTHER = "Other";

    private static final Map<String, Label> LABELS = new LinkedHashMap<>();

    static {
        put("percentileLow", MASK, "Contrast stretch, low", "%", "Darkest pixels clipped before finding edges.");
        put("percentileHigh", MASK, "Contrast stretch, high", "%", "Brightest pixels clipped before finding edges.");
        put("cannySigma", MASK, "Edge smoothing (σ)", "px", "Blur before edge detection; larger finds fewer, "
                + "smoother edges.");
        put("cannyLow", MASK, "Edge threshold, low", "", "Weak-edge threshold, as a fraction of the value range.");
        put("cannyHigh", MASK, "Edge threshold, high", "", "Strong-edge threshold, as a fraction of the value range.");
        put("polarityThreshold", MASK, "Invert when edges disagree", "", "Invert the threshold mask when at least "
                + "this fraction of it disagrees with the edges.");
        put("fillSize", MASK, "Hole-filling square", "px", "Side of the square used to close gaps between edges.");
        put("maxIterations", MASK, "Refinement passes, max.", "", "How often the mask is refined at most.");
        put("tolerance", MASK, "Refinement stops below", "", "Stop refining when less than this fraction of the "
                + "mask changes.");
        put("minHoleArea", MASK, "Fill holes smaller than", "px²", "Holes inside cells smaller than this are filled.");
        put("minObjectArea", MASK, "Remove specks smaller than", "px²", "Objects smaller than this are dropped.");
        put("bbNumLimit", CLUSTERS, "Max. clusters considered", "", "Largest cell clusters looked at, background "
                + "included.");
        put("tileFactor", CLUSTERS, "Tile clusters larger than", "× patch", "Clusters bigger than this many patch "
                + "areas are cut into several patches.");
        put("patchSize", PATCHES, "Patch size", "px", "Side of a square patch.");
        put("intensityBins", PATCHES, "Intensity histogram bins", "", "Bins of the brightness histogram used to "
                + "rank patches.");
        put("textureBins", PATCHES, "Texture histogram bins", "", "Bins of the texture (LBP) histogram used to "
                + "rank patches.");
        put("finalRegion", PATCHES, "Patches kept per frame", "", "How many of the best-ranked patches are kept.");
        put("minPatches", PATCHES, "Note frames with fewer than", "patches", "Frames with fewer patches get a note "
                + "(training skips them).");
        put("grayCodes", OTHER, "Gray values", "", "auto: integer codes for 8/16-bit files, as scikit-image does; "
                + "integer or float to force one.");
    }

    private ParameterLabels() {
    }

    private static void put(String name, String group, String text, String unit, String help) {
        LABELS.put(name, new Label(group, text, unit, help));
    }

    /** The label of a parameter, or its code name in the "Other" group when it has none. */
    public static Label of(String codeName) {
        return Optional.ofNullable(LABELS.get(codeName)).orElse(new Label(OTHER, codeName, "", ""));
    }

    public static List<String> groups() {
        return List.of(MASK, CLUSTERS, PATCHES, OTHER);
    }

    /** "Edge smoothing (σ) · px" style text for the form. */
    public static String text(String codeName) {
        Label l = of(codeName);
        return l.unit().isEmpty() ? l.text() : l.text() + " (" + l.unit() + ")";
    }
}
