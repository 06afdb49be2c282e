package org.clanet.workbench.mil.bag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds bags as the published dataset does (Cell_Sampling_new.py:105-139): frames with fewer than k patches
 * are skipped, each kept frame contributes its k most confluent patches, sequences with fewer than
 * {@code minFrames} usable frames are left out; every skip is reported.
 */
public final class Bags {

    private Bags() {
    }

    /**
     * @param bags          the usable bags, in input order
     * @param framesSkipped frames left out for having fewer than k patches
     * @param leftOut       sequences left out, each with its reason
     */
    public record BagSet(List<Bag> bags, int framesSkipped, List<String> leftOut) {

        public BagSet {
            bags = List.copyOf(bags);
            leftOut = List.copyOf(leftOut);
        }

        /** e.g. "12 bags; 3 frames with < 10 patches skipped; 1 sequence with < 3 usable frames left out". */
        public String summary(int patchesPerFrame, int minFrames) {
            return bags.size() + " bags; " + framesSkipped + " frame(s) with < " + patchesPerFrame
                    + " patches skipped; " + leftOut.size() + " sequence(s) with < " + minFrames
                    + " usable frames left out";
        }
    }

    public static BagSet build(List<SequenceFeatures> sequences, int patchesPerFrame, int minFrames) {
        List<Bag> bags = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        int skipped = 0;
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
        return new BagSet(bags, skipped, leftOut);
    }
}
