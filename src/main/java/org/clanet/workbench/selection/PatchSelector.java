package org.clanet.workbench.selection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.clanet.workbench.imaging.GrayImage;

/**
 * The first CLANet stage on one image: binary cell mask (METHOD.md §1) and cell-cluster patch selection (§2),
 * agreeing with the published Python code (see docs/SELECTION.md). Give it the image after the preset (Incucyte:
 * resized and cropped; generic: unchanged).
 *
 * <p>An instance keeps its working buffers between images of the same size and is <b>not thread-safe</b>: use one
 * per worker thread, or {@link #select(GrayImage, SelectionParameters)}, which keeps one per thread. Content
 * problems (blank or saturated frame, no cells, image smaller than a patch) never throw: they give an empty patch
 * list and a note.
 */
public final class PatchSelector implements AutoCloseable {

    private static final ThreadLocal<PatchSelector> PER_THREAD = ThreadLocal.withInitial(PatchSelector::new);

    private final MaskGenerator masks = new MaskGenerator();
    private final ClusterSelector clusters = new ClusterSelector();

    public PatchSelector() {
        OpenCvSupport.load();
    }

    /** Mask and patches with a selector kept per calling thread. */
    public static SelectionResult select(GrayImage image, SelectionParameters params) {
        return PER_THREAD.get().process(image, params);
    }

    /** Mask and patches of one image. */
    public SelectionResult process(GrayImage image, SelectionParameters params) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(params, "params");
        long t0 = System.nanoTime();
        int w = image.width();
        int h = image.height();
        int n = w * h;
        byte[] mask = new byte[n];
        if (w < 3 || h < 3) {
            return new SelectionResult(mask, w, h, List.of(),
                    Optional.of("image " + w + "x" + h + " is too small for a mask"), SelectionResult.Info.NONE);
        }
        MaskGenerator.Outcome mo = masks.mask(image, params, mask);
        String note = mo.note();
        List<Patch> patches = List.of();
        int ps = params.patchSize();
        int components = 0;
        int candidates = 0;
        if (w < ps || h < ps) {
            note = join(note, "image " + w + "x" + h + " is smaller than a " + ps + "x" + ps + " patch");
        } else {
            boolean any = false;
            for (byte b : mask) {
                if (b != 0) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                note = join(note, "no cells found (empty mask)");
            } else {
                int maxCode = mo.integerCodes() ? image.sourceMax() : 255;
                patches = clusters.select(mask, w, h, image.pixels(), mo.integerCodes() ? masks.codes() : null,
                        maxCode, params,
                        masks.ops());
                components = clusters.lastComponents;
                candidates = clusters.lastCandidates;
                if (patches.size() < params.minPatches()) {
                    note = join(note, "only " + patches.size() + " patches (fewer than " + params.minPatches()
                            + "; the MIL stage skips this frame)");
                }
            }
        }
        for (int i = 0; i < n; i++) {
            mask[i] = (byte) (mask[i] != 0 ? 255 : 0);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new SelectionResult(mask, w, h, patches, Optional.ofNullable(note),
                new SelectionResult.Info(mo.integerCodes(), mo.inverted(), mo.iterations(), components, candidates,
                        ms));
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    @Override
    public void close() {
        masks.release();
    }
}
