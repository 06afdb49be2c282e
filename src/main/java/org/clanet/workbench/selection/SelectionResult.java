package org.clanet.workbench.selection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mask and patches of one image.
 *
 * @param mask    width*height bytes, 0 or (byte) 255, row-major; the binary cell mask of METHOD §1
 * @param width   processed image width
 * @param height  processed image height
 * @param patches selected patches in rank order (at most {@code finalRegion})
 * @param note    why the result is empty or unusual (no cells, blank frame, image smaller than a
 *                patch, fewer patches than the MIL stage uses); empty when all is normal
 * @param info    diagnostics of the run
 */
public record SelectionResult(byte[] mask, int width, int height, List<Patch> patches, Optional<String> note,
                              Info info) {

    public SelectionResult {
        Objects.requireNonNull(mask, "mask");
        patches = List.copyOf(patches);
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(info, "info");
    }

    /** Fraction of the image covered by the mask. */
    public double maskFraction() {
        return maskFraction(mask);
    }

    /** Fraction of non-zero pixels of a mask (0 for an empty array). */
    public static double maskFraction(byte[] mask) {
        if (mask == null || mask.length == 0) {
            return 0;
        }
        int n = 0;
        for (byte b : mask) {
            if (b != 0) {
                n++;
            }
        }
        return (double) n / mask.length;
    }

    /**
     * Diagnostics.
     *
     * @param integerCodes      the image was processed on its integer codes (as scikit-image does for an
     *                          8/16-bit gray file) rather than on floats
     * @param inverted          the threshold mask was inverted (cells brighter than the background)
     * @param maskIterations    refinement iterations run (§1.5)
     * @param components        connected components in the final mask
     * @param candidates        candidate boxes before the overlap filter
     * @param millis            wall time of mask + selection
     */
    public record Info(boolean integerCodes, boolean inverted, int maskIterations, int components, int candidates,
                       double millis) {
        public static final Info NONE = new Info(false, false, 0, 0, 0, 0);
    }
}
