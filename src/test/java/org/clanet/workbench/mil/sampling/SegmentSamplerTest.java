package org.clanet.workbench.mil.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentSamplerTest {

    @Test
    void roundIsHalfToEvenLikePython() {
        assertEquals(4, SegmentSampler.roundHalfEven(4.5));
        assertEquals(6, SegmentSampler.roundHalfEven(5.5));
        assertEquals(2, SegmentSampler.roundHalfEven(2.5));
        assertEquals(3, SegmentSampler.roundHalfEven(3.11));
    }

    @Test
    void expectedIntervalIsClipped() {
        assertEquals(4.0, SegmentSampler.expectedInterval(new int[] {0, 4, 8, 12}));
        assertEquals(1.0, SegmentSampler.expectedInterval(new int[] {5, 5, 5}));
        assertEquals(8.0, SegmentSampler.expectedInterval(new int[] {0, 24, 48}));
        assertEquals(4.5, SegmentSampler.expectedInterval(new int[] {0, 4, 9, 13, 18}));
    }

    @Test
    void gapProbabilitiesFollowTheNormalPdf() {
        double[] p = SegmentSampler.gapProbabilities(4.0);
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-12);
        // pdf ratio between g=4 (at the mean) and g=1: exp(9 / (2 * 5.25)).
        assertEquals(Math.exp(9 / 10.5), p[3] / p[0], 1e-12);
        assertEquals(p[2], p[4], 1e-12);
    }

    @Test
    void boundariesAdvanceByGAndFrameZeroIsNeverTested() {
        // b = 5: 8 > 5 closes before frame 2 (b -> 10); 12 > 10 closes before frame 3.
        assertArrayEquals(new int[] {0, 2, 3, 4}, SegmentSampler.segmentEnds(new int[] {0, 4, 8, 12}, 5));
        // Frame 0 at 10 h is past b = 2 but never tested: frame 1 closes the first segment (absolute boundary).
        assertArrayEquals(new int[] {0, 1, 3}, SegmentSampler.segmentEnds(new int[] {10, 11, 12}, 2));
    }

    @Test
    void equalTimeClosesAfterTheFrameAndReanchorsOnTheNextFrame() {
        // b = 3: frame 1 at 3 h == b ends the segment after it; b = time(frame 2) + 3 = 8; 9 > 8 closes before 4.
        assertArrayEquals(new int[] {0, 2, 4, 5}, SegmentSampler.segmentEnds(new int[] {0, 3, 5, 6, 9}, 3));
        // The last frame on the boundary: its segment ends at N and nothing is appended twice.
        assertArrayEquals(new int[] {0, 2}, SegmentSampler.segmentEnds(new int[] {0, 3}, 3));
    }

    @Test
    void weightsAsHandComputed() {
        int[] hours = {0, 2, 4, 6, 8, 10}; // E = 2, rE = 2, g = 4
        // n/N = 3/6; gaps 2 -> 2/2-1 = 0, 4 -> 1; sparsity = 1 / ((4/2-1) * 2) = 0.5
        assertEquals(1.0, SegmentSampler.weight(hours, new int[] {0, 1, 3}, 4, 2), 1e-12);
        // The only gap (10 h) exceeds g: sparsity 0.
        assertEquals(2.0 / 6, SegmentSampler.weight(hours, new int[] {0, 5}, 4, 2), 1e-12);
        int[] uneven = {0, 1, 4, 8}; // rE = round(8/3) = 3, g = 5
        // gap 1: 1/3 - 1 = -2/3 over (5/3 - 1) = -1: clipped to 0.
        assertEquals(0.5, SegmentSampler.weight(uneven, new int[] {0, 1}, 5, 3), 1e-12);
        // gap 4: (4/3 - 1) / (2/3) = 0.5.
        assertEquals(0.5 + 0.5, SegmentSampler.weight(uneven, new int[] {0, 2}, 5, 3), 1e-12);
    }

    @Test
    void singleFrameSnippetHasSparsityZeroNotNaN() {
        double w = SegmentSampler.weight(new int[] {0, 2, 4, 6}, new int[] {2}, 4, 2);
        assertEquals(0.25, w, 1e-12);
    }

    @Test
    void halfEvenRoundingDecidesWholeVersusSegments() {
        int[] hours = {0, 4, 9, 13, 18}; // E = 4.5: Python round -> 4, Math.round -> 5
        SegmentSampler.Plan plan = new SegmentSampler(0).plan(hours, 1, 1);
        assertEquals(4, plan.roundedExpected());
        SegmentSampler.Plan g4 = new SegmentSampler.Plan(hours, 4.5, 4, new int[] {4}, 1);
        assertEquals(1.0, g4.snippet(0).weight());
        assertEquals(5, g4.snippet(0).size());
        // g = 5 > round(4.5) samples segments: over seeds, some snippet leaves frames out.
        boolean partial = false;
        for (long seed = 0; seed < 50 && !partial; seed++) {
            partial = new SegmentSampler.Plan(hours, 4.5, 4, new int[] {5}, seed).snippet(0).size() < 5;
        }
        assertTrue(partial);
    }

    @Test
    void warmupTakesWholeSequences() {
        int[] hours = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        List<Snippet> s = new SegmentSampler().sample(hours, 40, 7);
        for (int e = 0; e < 5; e++) {
            assertEquals(11, s.get(e).size());
            assertEquals(1.0, s.get(e).weight());
            assertEquals(1, s.get(e).g());
        }
        assertTrue(s.stream().skip(5).anyMatch(x -> x.size() < 11), "sampling starts after the warm-up");
        List<Snippet> short3 = new SegmentSampler().sample(hours, 3, 7);
        assertTrue(short3.stream().allMatch(x -> x.size() == 11));
    }

    @Test
    void snippetsAreSortedNonEmptyAndInsideTheirSegments() {
        int[] hours = {0, 1, 3, 4, 6, 7, 9, 12, 13, 20};
        SegmentSampler.Plan plan = new SegmentSampler().plan(hours, 500, 3);
        for (int e = 0; e < 500; e++) {
            Snippet s = plan.snippet(e);
            int[] f = s.frames();
            assertTrue(f.length >= 1);
            for (int i = 1; i < f.length; i++) {
                assertTrue(f[i] > f[i - 1]);
            }
            assertTrue(s.weight() > 0 && s.weight() <= 2.0 && !Double.isNaN(s.weight()));
            if (s.g() > plan.roundedExpected()) {
                int[] ends = SegmentSampler.segmentEnds(hours, s.g());
                // at most len frames per segment
                for (int k = 0; k + 1 < ends.length; k++) {
                    int lo = ends[k];
                    int hi = ends[k + 1];
                    long in = java.util.Arrays.stream(f).filter(x -> x >= lo && x < hi).count();
                    assertTrue(in <= hi - lo);
                }
            }
        }
    }

    @Test
    void reproducibleAndResumable() {
        int[] hours = {0, 2, 5, 6, 9, 12, 14, 15, 19, 23};
        SegmentSampler sampler = new SegmentSampler();
        List<Snippet> a = sampler.sample(hours, 100, 42);
        assertEquals(a, sampler.sample(hours, 100, 42));
        assertNotEquals(a, sampler.sample(hours, 100, 43));
        // A resumed run asks for epoch 60 first: the same snippet.
        SegmentSampler.Plan plan = sampler.plan(hours, 100, 42);
        assertEquals(a.get(60), plan.snippet(60));
        assertEquals(a.get(10), plan.snippet(10));
    }

    @Test
    void rejectsUnusableInput() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentSampler().plan(new int[] {3}, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SegmentSampler().plan(new int[] {3, 2, 4}, 5, 1));
    }
}
