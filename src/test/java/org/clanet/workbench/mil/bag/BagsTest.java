package org.clanet.workbench.mil.bag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BagsTest {

    static FrameFeatures frame(String name, int hours, int patches, float tag) {
        float[][] p = new float[patches][2];
        for (int i = 0; i < patches; i++) {
            p[i] = new float[] {tag, i};
        }
        return new FrameFeatures(name, hours, p);
    }

    @Test
    void framesInTimeOrderTopKPatchesAndSkipsReported() {
        SequenceFeatures s = new SequenceFeatures("A/b1/W1", "A", "b1", List.of(
                frame("f8", 8, 12, 8), frame("f0", 0, 10, 0), frame("f4", 4, 9, 4), frame("f6", 6, 20, 6)));
        SequenceFeatures short2 = new SequenceFeatures("A/b1/W2", "A", "b1", List.of(
                frame("g0", 0, 10, 0), frame("g1", 1, 10, 1), frame("g2", 2, 3, 2)));
        Bags.BagSet set = Bags.build(List.of(s, short2), 10, 3);
        assertEquals(1, set.bags().size());
        assertEquals(2, set.framesSkipped()); // f4 and g2 have < 10 patches
        assertEquals(1, set.leftOut().size());
        assertTrue(set.leftOut().get(0).startsWith("A/b1/W2: 2 usable frame(s) of 3"), set.leftOut().get(0));
        Bag b = set.bags().get(0);
        assertEquals(List.of("f0", "f6", "f8"), b.frames());
        assertArrayEquals(new int[] {0, 6, 8}, b.hours());
        assertEquals(30, b.instances().length);
        assertEquals(6f, b.instances()[10][0]); // frame-major: rows 10..19 are frame f6
        assertEquals(9f, b.instances()[19][1]); // its 10th patch (rank 9); ranks 10.. dropped
        float[][] snippet = b.instancesOf(new int[] {0, 2});
        assertEquals(20, snippet.length);
        assertSame(b.instances()[20], snippet[10]);
        assertEquals(new Bag.InstanceRef(1, "f6", 3), b.instanceRefs().get(13));
        assertTrue(set.summary(10, 3).contains("1 bags; 2 frame(s)"));
    }

    @Test
    void settlingFramesLeftOutButEverySequenceKeepsItsLastMinFrames() {
        SequenceFeatures late = new SequenceFeatures("A/b1/W1", "A", "b1", List.of(
                frame("f30", 30, 10, 30), frame("f6", 6, 10, 6), frame("f18", 18, 10, 18), frame("f24", 24, 10, 24),
                frame("f36", 36, 10, 36), frame("f12", 12, 4, 12)));
        SequenceFeatures early = new SequenceFeatures("A/b1/W2", "A", "b1", List.of(
                frame("g2", 2, 10, 2), frame("g4", 4, 10, 4), frame("g6", 6, 10, 6), frame("g8", 8, 10, 8)));
        Bags.BagSet set = Bags.build(List.of(late, early), 10, 3, 24);
        assertEquals(2, set.bags().size());
        assertEquals(List.of("f24", "f30", "f36"), set.bags().get(0).frames()); // 24 h itself is kept
        assertEquals(List.of("g4", "g6", "g8"), set.bags().get(1).frames()); // all early: the last 3 stay
        assertEquals(1, set.framesSkipped()); // f12: too few patches, counted there and not as settling
        assertEquals(2 + 1, set.framesSettling()); // f6, f18; g2
        assertTrue(set.summary(10, 3).endsWith("3 early frame(s) (cells settling) left out"), set.summary(10, 3));

        Bags.BagSet published = Bags.build(List.of(late, early), 10, 3);
        assertEquals(List.of("f6", "f18", "f24", "f30", "f36"), published.bags().get(0).frames());
        assertEquals(0, published.framesSettling());
        assertEquals(published.bags().get(0).frames(), Bags.build(List.of(late), 10, 3, 0).bags().get(0).frames());
        assertThrows(IllegalArgumentException.class, () -> Bags.build(List.of(late), 10, 3, -1));
    }
}
