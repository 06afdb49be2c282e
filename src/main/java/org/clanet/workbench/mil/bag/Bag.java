package org.clanet.workbench.mil.bag;

import java.util.ArrayList;
import java.util.List;

/**
 * One MIL bag: a sequence's usable frames in time order × each frame's top-k patches, flattened frame-major
 * (row = frame · k + rank), as the published dataset reshapes (frames, 10, D).
 *
 * @param frames frame paths in bag order
 * @param hours  integer sampling hours per frame (for segment sampling and QC)
 */
public record Bag(String sequenceId, String line, String batch, List<String> frames, int[] hours,
                  int patchesPerFrame, float[][] instances) {

    public Bag {
        frames = List.copyOf(frames);
        if (frames.size() != hours.length || instances.length != frames.size() * patchesPerFrame) {
            throw new IllegalArgumentException("bag " + sequenceId + ": " + frames.size() + " frames, "
                    + hours.length + " times, " + instances.length + " instances for " + patchesPerFrame
                    + " patches per frame");
        }
    }

    public int frameCount() {
        return frames.size();
    }

    public int inputDim() {
        return instances[0].length;
    }

    /** The rows of the given frames (0-based, in the given order): a snippet's instances. */
    public float[][] instancesOf(int[] frameIndices) {
        float[][] out = new float[frameIndices.length * patchesPerFrame][];
        for (int i = 0; i < frameIndices.length; i++) {
            System.arraycopy(instances, frameIndices[i] * patchesPerFrame, out, i * patchesPerFrame, patchesPerFrame);
        }
        return out;
    }

    /** What each instance row is: its frame and patch rank (0 = most confluent). */
    public List<InstanceRef> instanceRefs() {
        List<InstanceRef> out = new ArrayList<>(instances.length);
        for (int f = 0; f < frames.size(); f++) {
            for (int r = 0; r < patchesPerFrame; r++) {
                out.add(new InstanceRef(f, frames.get(f), r));
            }
        }
        return out;
    }

    /** Hours from the first to the last usable frame. */
    public int spanHours() {
        return hours[hours.length - 1] - hours[0];
    }

    /** Mean gap between usable frames in hours (0 for one frame). */
    public double meanIntervalHours() {
        return hours.length < 2 ? 0 : (double) spanHours() / (hours.length - 1);
    }

    /** One instance of a bag: its frame (index in the bag and path) and the patch's rank in that frame. */
    public record InstanceRef(int frameIndex, String frame, int rank) {
    }
}
