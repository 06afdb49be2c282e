package org.clanet.workbench.mil.bag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds bags as the published dataset does (Cell_Sampling_new.py:105-139): frames with fewer than k patches
 * are skipped, each kept frame contributes its k most confluent patches, sequences with fewer than
 * {@code minFrames} usable frames are left out; every skip is reported. Beyond the published code, frames taken
 * while the cells are still settling (fewer than {@code settlingHours} after seeding) can be left out too.
 */
public final class Bags {

    private Bags() {
    }

    /**
     * @param bags          the usable bags, in input order
     * @param framesSkipped frames left out for having fewer than k patches
     * @param leftOut       sequences left out, each with its reason
     * @param framesSettling usable frames left out for being taken fewer than settlingHours after seeding
     */
    public record BagSet(List<Bag> bags, int framesSkipped, List<String> leftOut, int framesSettling) {

        public BagSet {
            bags = List.copyOf(bags);
            leftOut = List.copyOf(leftOut);
        }

        public BagSet(List<Bag> bags, int framesSkipped, List<String> leftOut) {
            this(bags, framesSkipped, leftOut, 0);
        }

        /** e.g. "12 bags; 3 frames with < 10 patches skipped; 1 sequence with < 3 usable frames left out". */
        public String summary(int patchesPerFrame, int minFrames) {
            return bags.size() + " bags; " + framesSkipped + " frame(s) with < " + patchesPerFrame
                    + " patches skipped; " + leftOut.size() + " sequence(s) with < " + minFrames
                    + " usable frames left out" + (framesSettling > 0
                    ? "; " + framesSettling + " early frame(s) (cells settling) left out" : "");
        }
    }

    /** As published: every usable frame. */
    public static BagSet build(List<SequenceFeatures> sequences, int patchesPerFrame, int minFrames) {
        return build(sequences, patchesPerFrame, minFrames, 0);
    }

    /**
     * The index of the first frame a bag keeps under the settling rule: frames before {@code settlingHours} go, but
     * at least the last {@code minFrames} stay (all of them when there are fewer).
     *
     * @param hours the usable frames' sampling hours, in time order
     */
    public static int firstSettled(int[] hours, int settlingHours, int minFrames) {
        int settled = 0;
        for (int h : hours) {
            if (h >= settlingHours) {
                settled++;
            }
        }
        return hours.length - Math.min(hours.length, Math.max(settled, minFrames));
    }

    /**
     * @param settlingHours usable frames taken earlier than this many hours after seeding are left out, except that
     *                      a sequence always keeps its last {@code minFrames} usable frames (a flask imaged only
     *                      while settling is still predicted, from its latest frames); 0 keeps every frame
     */
    public static BagSet build(List<SequenceFeatures> sequences, int patchesPerFrame, int minFrames,
                               int settlingHours) {
        if (settlingHours < 0) {
            throw new IllegalArgumentException("settlingHours must be >= 0, got " + settlingHours);
        }
        List<Bag> bags = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        int skipped = 0;
        int settling = 0;
        int dim = -1;
        for (SequenceFeatures s : sequences) {
            List<FrameFeatures> frames = new ArrayList<>(s.frames());
            frames.sort(Comparator.comparingInt(FrameFeatures::samplingHours)); // stable: ties keep input order
            List<FrameFeatures> usable = new ArrayList<>();
            for (FrameFeatures f : frames) {
                if (f.patches() == null || f.patches().length < patchesPerFrame) {
                    skipped++;
                } else {
                    usable.add(f);
                }
            }
            int first = firstSettled(usable.stream().mapToInt(FrameFeatures::samplingHours).toArray(), settlingHours,
                    minFrames);
            settling += first;
            usable = usable.subList(first, usable.size());
            if (usable.size() < minFrames) {
                leftOut.add(s.sequenceId() + ": " + usable.size() + " usable frame(s) of " + frames.size()
                        + " (needs " + minFrames + ")");
                continue;
            }
            float[][] rows = new float[usable.size() * patchesPerFrame][];
            int[] hours = new int[usable.size()];
            List<String> names = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                FrameFeatures f = usable.get(i);
                for (int r = 0; r < patchesPerFrame; r++) {
                    float[] v = f.patches()[r];
                    if (dim < 0) {
                        dim = v.length;
                    } else if (v.length != dim) {
                        throw new IllegalArgumentException("feature size differs: " + s.sequenceId() + " frame "
                                + f.frame() + " patch " + r + " has " + v.length + " values, others " + dim);
                    }
                    rows[i * patchesPerFrame + r] = v;
                }
                hours[i] = f.samplingHours();
                names.add(f.frame());
            }
            bags.add(new Bag(s.sequenceId(), s.line(), s.batch(), names, hours, patchesPerFrame, rows));
        }
        return new BagSet(bags, skipped, leftOut, settling);
    }
}
