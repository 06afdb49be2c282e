package org.clanet.workbench.app.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.sampling.SegmentSampler;
import org.clanet.workbench.pipeline.flow.SequencePrediction;
import org.clanet.workbench.selection.SelectionResults;
import org.clanet.workbench.workspace.Workspace;

/**
 * The snippets time-series segment sampling draws for one sequence, as training draws them (the code of
 * {@code clanet snippets}): frames whose selection kept fewer than {@code patchesPerFrame} patches and frames of
 * the settling hours left out, the plan seeded with {@link SegmentSampler#seedFor}(run seed, sequence id), the first warm-up epochs whole. Each
 * snippet's frames carry the attention a stored prediction gave them (its instances' attention summed per frame).
 * Plain Java: call it off the FX thread (it reads the workspace).
 */
public final class SnippetPlans {

    /** Epochs drawn for the view (as {@code clanet snippets}' default). */
    public static final int DEFAULT_EPOCHS = 20;

    /** The seed and sampling figures of a training run. */
    public record Run(long seed, int warmupEpochs, int patchesPerFrame, int settlingHours, int minFrames) {

        public static Run defaults(long seed) {
            return new Run(seed, MilParameters.DEFAULTS.warmupEpochs(), MilParameters.DEFAULTS.patchesPerFrame(),
                    MilParameters.DEFAULTS.settlingHours(), MilParameters.DEFAULTS.minFrames());
        }

        /**
         * The run a model was trained with (its {@code model.json}'s identity.parameters), figures missing there
         * from {@code fallback} (settlingHours from 0: a model that does not name it kept every frame).
         */
        public static Run of(Map<String, Object> modelDocument, Run fallback) {
            if (modelDocument != null && modelDocument.get("identity") instanceof Map<?, ?> id
                    && id.get("parameters") instanceof Map<?, ?> p) {
                return new Run(p.get("seed") instanceof Number n ? n.longValue() : fallback.seed(),
                        p.get("warmupEpochs") instanceof Number n ? n.intValue() : fallback.warmupEpochs(),
                        p.get("patchesPerFrame") instanceof Number n ? n.intValue() : fallback.patchesPerFrame(),
                        p.get("settlingHours") instanceof Number n ? n.intValue() : 0,
                        p.get("minFrames") instanceof Number n ? n.intValue() : fallback.minFrames());
            }
            return fallback;
        }
    }

    private SnippetPlans() {
    }

    /**
     * The first {@code epochs} snippets of {@code s}.
     *
     * @param ws         the dataset's workspace (selection results), or null: every frame kept
     * @param prediction a stored prediction of the sequence, or null: no attention
     */
    public static SnippetViewModel.Snippets of(Sequence s, Workspace ws, Run run, int epochs,
                                               SequencePrediction prediction) {
        Set<String> done = ws == null ? Set.of() : SelectionResults.doneFrames(ws);
        List<Frame> kept = new ArrayList<>();
        for (Frame f : s.frames()) {
            if (ws != null && done.contains(f.relativePath())
                    && SelectionResults.stored(ws, f.relativePath()).patches().size() < run.patchesPerFrame()) {
                continue;
            }
            kept.add(f);
        }
        int first = Bags.firstSettled(kept.stream().mapToInt(f -> f.time().samplingHours()).toArray(),
                run.settlingHours(), run.minFrames());
        kept.subList(0, first).clear();
        int[] hours = kept.stream().mapToInt(f -> f.time().samplingHours()).toArray();
        Map<String, Double> attention = new HashMap<>();
        if (prediction != null) {
            for (SequencePrediction.Instance i : prediction.instances()) {
                attention.merge(i.frame(), i.attention(), Double::sum);
            }
        }
        List<Snippet> snippets = new ArrayList<>();
        if (hours.length >= 2) {
            SegmentSampler.Plan plan = new SegmentSampler(run.warmupEpochs()).plan(hours, epochs,
                    SegmentSampler.seedFor(run.seed(), s.id()));
            for (int e = 0; e < epochs; e++) {
                var sn = plan.snippet(e);
                List<Integer> frames = Arrays.stream(sn.frames()).boxed().toList();
                double[] att = null;
                if (prediction != null) {
                    // 0 where the prediction's bag took no patch of the frame (as the frame strip shows it)
                    att = frames.stream().mapToDouble(i -> attention.getOrDefault(kept.get(i).relativePath(), 0.0))
                            .toArray();
                }
                snippets.add(new Snippet(sn.epoch(), sn.g(), frames, sn.weight(), att));
            }
        }
        List<String> labels = Arrays.stream(hours).mapToObj(SnippetPlans::label).toList();
        return new SnippetViewModel.Snippets(s.displayName(), Arrays.stream(hours).asDoubleStream().toArray(), labels,
                snippets);
    }

    /** "1d 8h". */
    static String label(int hours) {
        return String.format(Locale.ROOT, "%dd %dh", hours / 24, hours % 24);
    }
}
