package org.clanet.workbench.mil.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsTest {

    @TempDir
    Path dir;

    /** lines × batches × wells sequences. */
    static List<SplitItem> items(int lines, int batches, int wells) {
        List<SplitItem> out = new ArrayList<>();
        for (int l = 0; l < lines; l++) {
            for (int b = 1; b <= batches; b++) {
                for (int w = 1; w <= wells; w++) {
                    String line = "L" + l;
                    String batch = "batch_" + b;
                    out.add(new SplitItem(line + "/" + batch + "/W" + w, line, batch, "W" + w));
                }
            }
        }
        return out;
    }

    @Test
    void batchSeparatedTrainsOneBatchPerLineAndValidatesOnlyFromIt() {
        List<SplitItem> all = items(3, 3, 10);
        Map<String, SplitItem> byId = all.stream().collect(Collectors.toMap(SplitItem::sequenceId,
                Function.identity()));
        Split s = Splits.batchSeparated(all, 5, 0.2);
        assertEquals(List.of("L0", "L1", "L2"), s.classes());
        assertEquals(90, s.train().size() + s.validation().size() + s.test().size());
        assertEquals(60, s.test().size());
        assertEquals(6, s.validation().size()); // 2 of each line's 10 training sequences
        for (String line : s.classes()) {
            String trainBatch = s.trainBatches().get(line).get(0);
            for (String id : s.train()) {
                if (byId.get(id).line().equals(line)) {
                    assertEquals(trainBatch, byId.get(id).batch());
                }
            }
            for (String id : s.validation()) {
                if (byId.get(id).line().equals(line)) {
                    assertEquals(trainBatch, byId.get(id).batch(), "validation comes from the training batch");
                }
            }
            for (String id : s.test()) {
                if (byId.get(id).line().equals(line)) {
                    assertNotEquals(trainBatch, byId.get(id).batch());
                }
            }
        }
    }

    @Test
    void seededAndIndependentOfInputOrder() {
        List<SplitItem> all = items(4, 3, 6);
        Split a = Splits.batchSeparated(all, 11, 0.2);
        List<SplitItem> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertEquals(a, Splits.batchSeparated(reversed, 11, 0.2));
        Set<Split> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            seen.add(Splits.batchSeparated(all, seed, 0.2));
        }
        assertTrue(seen.size() > 5, "different seeds, different splits");
    }

    @Test
    void oneBatchOrOneLineIsRefusedWithAReason() {
        List<SplitItem> all = new ArrayList<>(items(2, 2, 3));
        all.add(new SplitItem("L9/batch_1/W1", "L9", "batch_1", "W1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.batchSeparated(all, 1, 0.2));
        assertTrue(e.getMessage().contains("batch-separated split impossible") && e.getMessage().contains("L9")
                && e.getMessage().contains("batch-stratified"), e.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> Splits.batchStratified(items(1, 3, 4), 1, 0.3, 0.2));
        assertTrue(one.getMessage().contains("at least two cell lines"), one.getMessage());
    }

    @Test
    void batchStratifiedSplitsEveryBatchsWells() {
        List<SplitItem> all = items(2, 3, 10);
        Split s = Splits.batchStratified(all, 3, 0.3, 0.2);
        Map<String, SplitItem> byId = all.stream().collect(Collectors.toMap(SplitItem::sequenceId,
                Function.identity()));
        Map<String, Long> testPerBatch = s.test().stream().collect(Collectors.groupingBy(
                id -> byId.get(id).line() + "/" + byId.get(id).batch(), Collectors.counting()));
        assertEquals(6, testPerBatch.size());
        testPerBatch.values().forEach(n -> assertEquals(3L, n));
        assertEquals(60, s.train().size() + s.validation().size() + s.test().size());
        assertEquals(Set.of(), intersect(s.test(), s.validation()));
    }

    @Test
    void publishedFilesGiveTheTrainingBatchPerClass() throws IOException {
        List<SplitItem> all = items(3, 3, 4);
        Path idx = dir.resolve("train_class_idx.txt");
        Path rk = dir.resolve("random1.txt");
        Files.writeString(idx, "L2\nL0\n");
        Files.writeString(rk, "3\n1\n");
        Split s = Splits.published(all, idx, rk, 1, 0.25);
        assertEquals(List.of("L2", "L0"), s.classes());
        assertEquals(0, s.label("L2"));
        assertEquals(List.of("batch_3"), s.trainBatches().get("L2"));
        assertEquals(List.of("batch_1"), s.trainBatches().get("L0"));
        assertEquals(8, s.train().size() + s.validation().size());
        assertEquals(16, s.test().size());
        assertTrue(s.notes().get(0).contains("L1"), s.notes().toString());
        Files.writeString(rk, "4\n1\n");
        IOException e = assertThrows(IOException.class, () -> Splits.published(all, idx, rk, 1, 0.25));
        assertTrue(e.getMessage().contains("L2 has no batch_4"), e.getMessage());
    }

    private static Set<String> intersect(List<String> a, List<String> b) {
        Set<String> s = new HashSet<>(a);
        s.retainAll(b);
        return s;
    }
}
