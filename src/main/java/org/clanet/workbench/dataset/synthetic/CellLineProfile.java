package org.clanet.workbench.dataset.synthetic;

import java.util.Objects;

/**
 * Morphology, texture and growth of one synthetic cell line. Lengths are in pixels at the scale of a
 * 10x Incucyte image (about 1.24 µm per pixel), thicknesses in arbitrary optical-path units.
 *
 * @param name               folder name and class label, e.g. {@code SynRound}
 * @param description        one line for people
 * @param shape              outline family
 * @param radius             equivalent radius (sqrt(area/pi)) of a spread, grown cell
 * @param radiusSpread       log-sd of the radius between cells
 * @param aspect             length / width of the body outline (1 = round)
 * @param irregularity       amplitude of the low harmonics that bend the outline
 * @param lobes              mean number of lamellipodia lobes on the outline
 * @param processCount       mean number of thin processes (neurites, filopodia) per cell
 * @param processLength      mean length of a process
 * @param thickness          optical thickness of a spread body
 * @param edgeStep           fraction of the thickness already reached at the edge (a steep edge gives a strong halo)
 * @param dome               exponent of the body profile: larger means a flatter lamella with a raised centre
 * @param roundedThickness   thickness of a rounded cell (mitotic, freshly seeded)
 * @param roundedRadius      radius of a rounded cell / radius of the spread cell
 * @param restingSpread      how far interphase cells spread, 0 (stay round) .. 1 (fully flat)
 * @param nucleusVisibility  0 (invisible) .. 1 (clear outline and nucleoli)
 * @param nucleusSize        nucleus radius / cell radius
 * @param granularity        granules per 100 px² of cell area
 * @param granuleContrast    thickness of a granule
 * @param perinuclear        0 (granules spread over the cell) .. 1 (packed around the nucleus)
 * @param texture            amplitude of fine cytoplasmic mottling
 * @param junction           thickness of the cell-cell junction lines inside colonies
 * @param cohesion           0 (scattered, repelling) .. 1 (tight colonies)
 * @param seedClusterSize    mean number of cells per clump at seeding
 * @param motility           random-walk speed, px per hour
 * @param doublingHours      median cell-cycle length, hours
 * @param seedingDensity     cells per 100x100 px at seeding (before the batch's density factor)
 * @param maxConfluency      fraction of the area at which divisions stop
 */
public record CellLineProfile(
        String name,
        String description,
        CellShape shape,
        double radius,
        double radiusSpread,
        double aspect,
        double irregularity,
        double lobes,
        double processCount,
        double processLength,
        double thickness,
        double edgeStep,
        double dome,
        double roundedThickness,
        double roundedRadius,
        double restingSpread,
        double nucleusVisibility,
        double nucleusSize,
        double granularity,
        double granuleContrast,
        double perinuclear,
        double texture,
        double junction,
        double cohesion,
        double seedClusterSize,
        double motility,
        double doublingHours,
        double seedingDensity,
        double maxConfluency) {

    public CellLineProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("cell line name must be a plain folder name: " + name);
        }
        if (radius <= 0 || aspect < 1 || doublingHours <= 0 || seedingDensity <= 0) {
            throw new IllegalArgumentException("invalid profile " + name);
        }
    }

    /** Largest distance from a cell centre that a cell of this line can reach (outline plus processes). */
    double maxExtent() {
        return radius * StrictMath.exp(2.5 * radiusSpread) * (1 + irregularity + 0.6) * StrictMath.sqrt(aspect)
                * 1.4 + (processCount > 0 ? processLength * 2.2 : 0);
    }
}
