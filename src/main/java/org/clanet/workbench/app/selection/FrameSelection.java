package org.clanet.workbench.app.selection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResult;

/**
 * The mask and patches shown for one frame, with where they came from. Coordinates are those of the processed
 * (preset-applied) image; {@link #scaleX()}/{@link #scaleY()} map them onto the raw frame the viewer shows
 * (Incucyte 1280×944 frames are processed at 1408×1040 with the banner rows cut off the bottom).
 *
 * @param frame      the frame
 * @param params     the parameters the result belongs to
 * @param source     computed live, or read from the workspace, or failed
 * @param mask       0 / (byte) 255 per processed pixel, row-major; null when there is none (failure, stored frame
 *                   without its PNG)
 * @param maskWidth  processed width (0 without a mask)
 * @param maskHeight processed height
 * @param patches    rank order
 * @param note       why the result is empty or unusual (per frame, from the selector), or why it failed
 * @param info       diagnostics of a live run; null for stored results
 */
public record FrameSelection(Frame frame, SelectionParameters params, Source source, byte[] mask, int maskWidth,
                             int maskHeight, double scaleX, double scaleY, List<Patch> patches,
                             Optional<String> note, SelectionResult.Info info) {

    /** Where a result came from. */
    public enum Source {
        LIVE("computed live"), WORKSPACE("from the workspace"), FAILED("failed");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public FrameSelection {
        patches = List.copyOf(patches);
        note = note == null ? Optional.empty() : note;
    }

    /** A live result of {@code PatchSelector} for a frame. */
    public static FrameSelection live(Frame frame, SelectionParameters params, SelectionResult r) {
        double[] s = scale(frame);
        return new FrameSelection(frame, params, Source.LIVE, r.mask(), r.width(), r.height(), s[0], s[1],
                r.patches(), r.note(), r.info());
    }

    /** A frame that could not be processed (unreadable file, unexpected error). */
    public static FrameSelection failed(Frame frame, SelectionParameters params, String reason) {
        double[] s = scale(frame);
        return new FrameSelection(frame, params, Source.FAILED, null, 0, 0, s[0], s[1], List.of(),
                Optional.of(reason), null);
    }

    /**
     * Processed → raw scale of a frame: 1 for the generic preset, raw/1408 for Incucyte frames (the banner is cut
     * off the bottom, so no offset).
     */
    static double[] scale(Frame frame) {
        int w = frame.header().width();
        int h = frame.header().height();
        if (w > 0 && h > 0 && Preset.AUTO.resolve(w, h) == Preset.INCUCYTE_1408x1040) {
            return new double[] {w / (double) Preset.INCUCYTE_WIDTH, h / (double) Preset.INCUCYTE_HEIGHT};
        }
        return new double[] {1, 1};
    }

    public boolean hasMask() {
        return mask != null && maskWidth > 0 && maskHeight > 0;
    }

    /** Fraction of the processed image covered by the mask (0 without one). */
    public double maskFraction() {
        return hasMask() ? org.clanet.workbench.selection.SelectionResult.maskFraction(mask) : 0;
    }

    /** The patch of a rank, if selected. */
    public Optional<Patch> patch(int rank) {
        return patches.stream().filter(p -> p.rank() == rank).findFirst();
    }

    /** "20 patches · mask 31.4 % · polarity inverted · 118 ms · computed live". */
    public String summary() {
        if (source == Source.FAILED) {
            return "Not processed";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(patches.size()).append(patches.size() == 1 ? " patch" : " patches");
        if (hasMask()) {
            sb.append(String.format(Locale.ROOT, " · mask %.1f %%", maskFraction() * 100));
        }
        if (info != null && info.inverted()) {
            sb.append(" · polarity inverted");
        }
        if (info != null && info.millis() > 0) {
            sb.append(String.format(Locale.ROOT, " · %.0f ms", info.millis()));
        }
        sb.append(" · ").append(source.label());
        return sb.toString();
    }

    /** Bytes held (for cache bounds). */
    long weight() {
        return (mask == null ? 0 : mask.length) + 64L * patches.size() + 256;
    }
}
