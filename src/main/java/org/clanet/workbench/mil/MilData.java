package org.clanet.workbench.mil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.bag.FrameFeatures;
import org.clanet.workbench.mil.bag.SequenceFeatures;
import org.clanet.workbench.mil.split.Split;

/**
 * Turns a scanned dataset, a split and a feature source into training, validation and test bags, with the
 * published bag rules (frames with < k patches skipped, sequences with < minFrames usable frames left out)
 * and a report of what was left out in each part.
 */
public final class MilData {

    private MilData() {
    }

    /**
     * @param leftOut per part ("train", "validation", "test"): the sequences left out, each with its reason
     */
    public record Prepared(MilTrainer.TrainingData training, List<MilTrainer.LabelledBag> test,
                           Map<String, List<String>> leftOut, Map<String, Integer> framesSkipped) {

        /** One line per part, e.g. "train: 38 bags; 2 frame(s) with < 10 patches skipped; 1 sequence(s) …". */
        public List<String> summary(MilParameters p) {
            List<String> out = new ArrayList<>();
            int[] sizes = {training.train().size(), training.validation().size(), test.size()};
            String[] parts = {"train", "validation", "test"};
            for (int i = 0; i < 3; i++) {
                out.add(parts[i] + ": " + sizes[i] + " bags; " + framesSkipped.get(parts[i]) + " frame(s) with < "
                        + p.patchesPerFrame() + " patches skipped; " + leftOut.get(parts[i]).size()
                        + " sequence(s) with < " + p.minFrames() + " usable frames left out");
            }
            return out;
        }
    }

    public static Prepared prepare(Dataset dataset, Split split, FeatureSource features, MilParameters p)
            throws IOException {
        Map<String, Sequence> byId = new HashMap<>();
        dataset.sequences().forEach(s -> byId.put(s.id(), s));
        Map<String, List<String>> leftOut = new java.util.LinkedHashMap<>();
        Map<String, Integer> skipped = new java.util.LinkedHashMap<>();
        List<List<MilTrainer.LabelledBag>> parts = new ArrayList<>();
        String[] names = {"train", "validation", "test"};
        List<List<String>> ids = List.of(split.train(), split.validation(), split.test());
        for (int i = 0; i < 3; i++) {
            List<SequenceFeatures> seqs = new ArrayList<>();
            for (String id : ids.get(i)) {
                Sequence s = byId.get(id);
                if (s == null) {
                    throw new IllegalArgumentException("the split names sequence " + id
                            + ", which is not in " + dataset.root());
                }
                List<FrameFeatures> frames = new ArrayList<>();
                for (Frame f : s.frames()) {
                    frames.add(new FrameFeatures(f.relativePath(), f.time().samplingHours(),
                            features.patches(f.relativePath()).orElse(null)));
                }
                seqs.add(new SequenceFeatures(s.id(), s.cellLine(), s.batch(), frames));
            }
            Bags.BagSet set = Bags.build(seqs, p.patchesPerFrame(), p.minFrames());
            List<MilTrainer.LabelledBag> labelled = new ArrayList<>();
            for (Bag b : set.bags()) {
                labelled.add(new MilTrainer.LabelledBag(b, split.label(b.line())));
            }
            parts.add(labelled);
            leftOut.put(names[i], set.leftOut());
            skipped.put(names[i], set.framesSkipped());
        }
        return new Prepared(new MilTrainer.TrainingData(split.classes(), parts.get(0), parts.get(1)), parts.get(2),
                leftOut, skipped);
    }
}
