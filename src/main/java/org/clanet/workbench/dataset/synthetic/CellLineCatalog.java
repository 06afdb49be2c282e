package org.clanet.workbench.dataset.synthetic;

import java.util.List;

/**
 * The built-in synthetic cell lines. Names say what the cells look like, and the "Syn" prefix says they are
 * synthetic; none is a model of a real cell line, though each borrows the look of a family of real ones.
 * The first four are the default set.
 */
public final class CellLineCatalog {

    /** Small round bright-rimmed cells in loose clumps, fast growing (microglia/lymphoblast-like look). */
    public static final CellLineProfile SYN_ROUND = new CellLineProfile(
            "SynRound", "small round cells, bright rims, loose clumps, grainy interior, fast growth",
            CellShape.ROUND, 8.7, 0.15, 1.1, 0.09, 0, 0.25, 7,
            1.25, 0.55, 1.0, 1.9, 0.95, 0.35,
            0.15, 0.45, 6.0, 0.35, 0.2, 0.2, 0.15,
            0.3, 2.5, 2.0, 20, 5.0, 0.62);

    /** Spindle bodies with long thin neurites, networks of loose aggregates, slow growth (neuroblastoma-like look). */
    public static final CellLineProfile SYN_SPINDLE = new CellLineProfile(
            "SynSpindle", "spindle-shaped bodies with long thin processes, loose networks, smooth, slow growth",
            CellShape.SPINDLE, 9.5, 0.14, 2.9, 0.10, 0, 2.2, 26,
            0.6, 0.45, 1.3, 1.4, 0.7, 0.9,
            0.25, 0.40, 1.2, 0.18, 0.5, 0.05, 0.2,
            0.5, 1.8, 2.5, 38, 3.5, 0.45);

    /** Polygonal epithelial cells in tight colonies, granular, clear nuclei (breast-carcinoma-like look). */
    public static final CellLineProfile SYN_COLONY = new CellLineProfile(
            "SynColony", "polygonal cells packed in tight colonies, granular cytoplasm, visible nuclei and nucleoli",
            CellShape.POLYGONAL, 18, 0.12, 1.25, 0.12, 0, 0.05, 8,
            0.65, 0.5, 1.5, 1.8, 0.7, 1.0,
            0.6, 0.42, 5.0, 0.3, 0.4, 0.09, 0.2,
            0.95, 8.0, 0.7, 30, 1.5, 0.8);

    /** Large flat irregular cells with lamellipodia and processes, scattered, smooth (glioblastoma-like look). */
    public static final CellLineProfile SYN_SPREAD = new CellLineProfile(
            "SynSpread", "large flat irregular cells with lamellipodia and long processes, scattered, smooth",
            CellShape.IRREGULAR, 32, 0.18, 1.3, 0.14, 2.5, 2.0, 30,
            0.30, 0.55, 3.0, 1.6, 0.42, 1.0,
            0.7, 0.26, 1.4, 0.35, 0.85, 0.03, 0.1,
            0.0, 1.0, 2.0, 26, 0.9, 0.85);

    /** Elongated fibroblast-like cells, scattered, smooth, medium growth. */
    public static final CellLineProfile SYN_FIBRO = new CellLineProfile(
            "SynFibro", "elongated cells with tapered ends, scattered, smooth cytoplasm, faint nuclei",
            CellShape.ELONGATED, 18, 0.15, 3.2, 0.14, 1, 0.8, 20,
            0.5, 0.5, 1.6, 1.7, 0.55, 1.0,
            0.45, 0.32, 1.0, 0.2, 0.7, 0.04, 0.15,
            0.15, 1.0, 2.5, 24, 0.8, 0.8);

    /** Small dark, very granular cells in grape-like clumps, slow growth (hepatoma-like look). */
    public static final CellLineProfile SYN_CLUMP = new CellLineProfile(
            "SynClump", "small dark granular cells in grape-like clumps, slow growth",
            CellShape.POLYGONAL, 11, 0.12, 1.15, 0.10, 0, 0.1, 6,
            1.0, 0.55, 1.2, 1.9, 0.85, 0.7,
            0.35, 0.45, 6.0, 0.3, 0.3, 0.12, 0.3,
            1.0, 7.0, 0.5, 34, 2.0, 0.7);

    private static final List<CellLineProfile> ALL =
            List.of(SYN_ROUND, SYN_SPINDLE, SYN_COLONY, SYN_SPREAD, SYN_FIBRO, SYN_CLUMP);

    private CellLineCatalog() {
    }

    /** Every built-in line, in the order {@code --lines N} takes them. */
    public static List<CellLineProfile> all() {
        return ALL;
    }

    /** The first {@code n} lines. */
    public static List<CellLineProfile> first(int n) {
        if (n < 1 || n > ALL.size()) {
            throw new IllegalArgumentException("lines must be between 1 and " + ALL.size() + ", was " + n);
        }
        return ALL.subList(0, n);
    }
}
