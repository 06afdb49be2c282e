package org.clanet.workbench.dataset.synthetic;

/** Basic outline of a synthetic cell body. */
public enum CellShape {
    /** Nearly circular, e.g. microglia or lymphoblast-like cells. */
    ROUND,
    /** Round to polygonal; packs into polygons inside colonies, like epithelial cells. */
    POLYGONAL,
    /** Elongated with tapered, blunt ends, like fibroblasts. */
    ELONGATED,
    /** Long lens-shaped body with pointed ends and thin processes, like neuroblastoma cells. */
    SPINDLE,
    /** Flat, spread, with lamellipodia lobes and long thin processes, like glioblastoma cells. */
    IRREGULAR
}
