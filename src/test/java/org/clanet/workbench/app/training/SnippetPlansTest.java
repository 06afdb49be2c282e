package org.clanet.workbench.app.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.clanet.workbench.app.TestDatasets;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.mil.sampling.SegmentSampler;
import org.clanet.workbench.pipeline.flow.SequencePrediction;
import org.junit.jupiter.api.Test;

/**
 * The training window's snippets without a screen: the ones training draws (seed rule, warm-up), the stored
 * prediction's attention summed per frame, the model's own seed, and prev / next stepping.
 */
class SnippetPlansTest {

    private static final Sequence SEQ = TestDatasets.sequence("G7", 12);

    private static SequencePrediction prediction(List<SequencePrediction.Instance> instances) {
        return new SequencePrediction("m1", SEQ.id(), SEQ.displayName(), "MCF7", "batch_1", List.of(), Map.of(),
                false, null, List.of(), instances);
    }

    @Test
    void snippetsAreTheOnesTrainingDrawsWithThePredictionsAttention() {
        SnippetPlans.Run run = new SnippetPlans.Run(7, 5, 10, 0, 3);
        String f0 = SEQ.frames().get(0).relativePath();
        String f3 = SEQ.frames().get(3).relativePath();
        SequencePrediction p = prediction(List.of(new SequencePrediction.Instance(f0, 1, 0.1),
                new SequencePrediction.Instance(f0, 2, 0.2), new SequencePrediction.Instance(f3, 1, 0.3)));
        SnippetViewModel.Snippets s = SnippetPlans.of(SEQ, null, run, 20, p);
        assertEquals(12, s.frameHours().length);
        assertEquals(44.0, s.frameHours()[11]);
        assertEquals("1d 20h", s.frameLabels().get(11));
        assertEquals(20, s.snippets().size());
        int[] hours = IntStream.range(0, 12).map(i -> 4 * i).toArray();
        SegmentSampler.Plan plan = new SegmentSampler(5).plan(hours, 20, SegmentSampler.seedFor(7, SEQ.id()));
        for (int e = 0; e < 20; e++) {
            Snippet sn = s.snippets().get(e);
            assertEquals(e, sn.epoch());
            assertArrayEquals(plan.snippet(e).frames(), sn.frames().stream().mapToInt(Integer::intValue).toArray(),
                    "epoch " + e);
            assertEquals(plan.snippet(e).g(), sn.g());
            assertEquals(plan.snippet(e).weight(), sn.weight());
        }
        Snippet warm = s.snippets().get(0);
        assertEquals(12, warm.frames().size(), "warm-up epochs take the whole sequence");
        assertEquals(0.3, warm.attentionOf(0), 1e-12, "the instances of a frame summed");
        assertEquals(0.3, warm.attentionOf(3), 1e-12);
        assertEquals(0, warm.attentionOf(1), "no instance of that frame in the prediction");

        SnippetViewModel.Snippets without = SnippetPlans.of(SEQ, null, run, 20, null);
        assertNull(without.snippets().get(0).attention());
    }

    @Test
    void aModelsOwnSeedAndFiguresWin() {
        SnippetPlans.Run fallback = SnippetPlans.Run.defaults(3);
        assertEquals(3, fallback.seed());
        Map<String, Object> doc = Map.of("identity", Map.of("parameters", Map.of("seed", 11, "warmupEpochs", 2,
                "patchesPerFrame", 10)));
        assertEquals(new SnippetPlans.Run(11, 2, 10, 0, 3), SnippetPlans.Run.of(doc, fallback),
                "a model that does not name settlingHours kept every frame");
        Map<String, Object> settled = Map.of("identity", Map.of("parameters", Map.of("seed", 11, "settlingHours", 24)));
        assertEquals(24, SnippetPlans.Run.of(settled, fallback).settlingHours());
        assertEquals(3, SnippetPlans.Run.of(settled, fallback).minFrames(), "minFrames from the fallback");
        Map<String, Object> five = Map.of("identity", Map.of("parameters", Map.of("minFrames", 5)));
        assertEquals(5, SnippetPlans.Run.of(five, fallback).minFrames());
        assertEquals(fallback, SnippetPlans.Run.of(Map.of("name", "imported"), fallback));
    }

    @Test
    void settlingFramesAreLeftOutAsTrainingLeavesThemOut() {
        SnippetViewModel.Snippets s = SnippetPlans.of(SEQ, null, new SnippetPlans.Run(7, 5, 10, 24, 3), 20, null);
        assertArrayEquals(new double[] {24, 28, 32, 36, 40, 44}, s.frameHours());
        SegmentSampler.Plan plan = new SegmentSampler(5).plan(new int[] {24, 28, 32, 36, 40, 44}, 20,
                SegmentSampler.seedFor(7, SEQ.id()));
        for (int e = 0; e < 20; e++) {
            assertArrayEquals(plan.snippet(e).frames(),
                    s.snippets().get(e).frames().stream().mapToInt(Integer::intValue).toArray(), "epoch " + e);
        }
        assertEquals(3, SnippetPlans.of(SEQ, null, new SnippetPlans.Run(7, 5, 10, 100, 3), 1, null).frameHours().length,
                "a sequence imaged only while settling keeps its last 3 frames");
        assertEquals(5, SnippetPlans.of(SEQ, null, new SnippetPlans.Run(7, 5, 10, 100, 5), 1, null).frameHours().length,
                "... its last minFrames frames, as the model it was trained with keeps them");
    }

    @Test
    void stepsThroughTheSnippets() {
        SnippetViewModel vm = new SnippetViewModel();
        assertEquals("No snippets", vm.infoProperty().get());
        vm.snippetsProperty().set(SnippetPlans.of(SEQ, null, SnippetPlans.Run.defaults(0), 3, null));
        assertEquals(0, vm.indexProperty().get());
        assertFalse(vm.hasPrevious());
        vm.next();
        vm.next();
        assertEquals(2, vm.current().epoch());
        assertFalse(vm.hasNext());
        vm.next();
        assertEquals(2, vm.indexProperty().get());
        vm.previous();
        assertTrue(vm.infoProperty().get().startsWith("Snippet 2 of 3 · epoch 1"), vm.infoProperty().get());
    }

    @Test
    void tooShortASequenceHasNoSnippets() {
        assertTrue(SnippetPlans.of(TestDatasets.sequence("B2", 1), null, SnippetPlans.Run.defaults(0), 5, null)
                .snippets().isEmpty());
    }
}
