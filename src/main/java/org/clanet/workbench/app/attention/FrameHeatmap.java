package org.clanet.workbench.app.attention;

import java.util.List;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.mil.heatmap.FrameAttention;

/**
 * A frame of the dataset with its attention.
 *
 * @param frame     the frame as the viewer shows it
 * @param attention its patches with attention, in the processed image's pixel space
 */
public record FrameHeatmap(Frame frame, FrameAttention attention) {

    /** The attention of a whole sequence, and the class whose attention it is ("A549"). */
    public record Sequence(String name, String className, List<FrameHeatmap> frames) {

        public Sequence {
            frames = List.copyOf(frames);
        }

        public List<FrameAttention> attention() {
            return frames.stream().map(FrameHeatmap::attention).toList();
        }

        /** The entry of a frame, or null. */
        public FrameHeatmap of(Frame f) {
            for (FrameHeatmap h : frames) {
                if (h.frame().equals(f)) {
                    return h;
                }
            }
            return null;
        }
    }
}
