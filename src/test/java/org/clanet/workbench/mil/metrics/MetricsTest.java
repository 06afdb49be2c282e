package org.clanet.workbench.mil.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void matchesScikitLearn() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/mil/metrics_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int cases = 0;
        for (JsonNode c : ref.get("cases")) {
            String name = c.get("name").asText();
            int[] y = ints(c.get("y"));
            double[][] p = matrix(c.get("p"));
            int classes = c.get("classes").asInt();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                names.add("L" + i);
            }
            Metrics.Evaluation e = Metrics.evaluate(names, y, p);
            assertEquals(c.get("top1").asDouble(), e.top1(), 1e-12, name + " top1");
            assertEquals(c.get("top3").asDouble(), e.top3(), 1e-12, name + " top3");
            assertEquals(c.get("top5").asDouble(), e.top5(), 1e-12, name + " top5");
            assertEquals(c.get("macroF1").asDouble(), e.macroF1(), 1e-12, name + " macro F1");
            assertEquals(c.get("aucMacro").asDouble(), e.auc(), 1e-12, name + " AUC");
            if (c.has("aucSklearnOvr")) {
                assertEquals(c.get("aucSklearnOvr").asDouble(), e.auc(), 1e-12, name + " sklearn ovr AUC");
            }
            assertEquals(c.get("aucPerClass").size(), e.aucClasses().size(), name);
            c.get("aucPerClass").fields().forEachRemaining(f -> assertEquals(f.getValue().asDouble(),
                    e.aucPerClass().get(Integer.parseInt(f.getKey())), 1e-12, name + " AUC class " + f.getKey()));
            for (int i = 0; i < classes; i++) {
                assertArrayEquals(ints(c.get("confusion").get(i)), e.confusion()[i], name + " confusion row " + i);
            }
            c.get("roc").fields().forEachRemaining(f -> {
                Metrics.RocCurve r = e.roc().get(Integer.parseInt(f.getKey()));
                assertArrayEquals(doubles(f.getValue().get("fpr")), r.fpr(), 1e-12, name + " fpr " + f.getKey());
                assertArrayEquals(doubles(f.getValue().get("tpr")), r.tpr(), 1e-12, name + " tpr " + f.getKey());
                assertEquals(e.aucPerClass().get(Integer.parseInt(f.getKey())), r.auc(), 1e-12);
            });
            cases++;
        }
        assertEquals(5, cases);
    }

    @Test
    void topKTiesRankTheHigherIndexFirst() {
        double[][] uniform = {{0.25, 0.25, 0.25, 0.25}};
        assertEquals(0.0, Metrics.topK(new int[] {0}, uniform, 3)); // class 0 ranks last of four ties
        assertEquals(1.0, Metrics.topK(new int[] {3}, uniform, 1)); // class 3 ranks first
        assertEquals(1.0, Metrics.topK(new int[] {1}, uniform, 3));
        // but argmax (the prediction for F1 and the confusion matrix) takes the lower index
        assertArrayEquals(new int[] {0}, Metrics.predictions(uniform));
    }

    @Test
    void macroF1HandComputedWithAMissingClass() {
        // y = [0,0,1,2], ŷ = [0,1,1,1]; classes present in y ∪ ŷ: 0,1,2 (3 never appears: not averaged)
        // F1(0) = 2·1/(2+0+1) = 2/3; F1(1) = 2·1/(2+2+0) = 1/2; F1(2) = 0
        assertEquals((2.0 / 3 + 0.5 + 0) / 3, Metrics.macroF1(new int[] {0, 0, 1, 2}, new int[] {0, 1, 1, 1}), 1e-12);
    }

    @Test
    void aucHandComputedWithTiesAndMissingClasses() {
        // positives {0.8, 0.5}, negatives {0.5, 0.2}: pairs 1 + 1 + 0.5 (tie) + 1 = 3.5 of 4
        assertEquals(0.875, Metrics.binaryAuc(new boolean[] {true, true, false, false},
                new double[] {0.8, 0.5, 0.5, 0.2}), 1e-12);
        double[][] p = {{0.7, 0.2, 0.1}, {0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}};
        Metrics.Auc auc = Metrics.ovrAuc(new int[] {0, 0, 1}, p);
        assertEquals(List.of(0, 1), auc.classesIncluded());
        assertEquals(List.of(2), auc.classesLeftOut());
        assertEquals(1.0, auc.macro(), 1e-12);
    }

    @Test
    void batchLevelAveragesSequenceRows() {
        List<Metrics.SequenceScore> s = List.of(
                new Metrics.SequenceScore("a/1/x", "a/1", 0, new double[] {0.2, 0.8}),
                new Metrics.SequenceScore("a/1/y", "a/1", 0, new double[] {0.8, 0.2}),
                new Metrics.SequenceScore("a/1/z", "a/1", 0, new double[] {0.5, 0.5}),
                new Metrics.SequenceScore("b/2/x", "b/2", 1, new double[] {0.4, 0.6}));
        List<Metrics.BatchScore> b = Metrics.batchLevel(s);
        assertEquals(2, b.size());
        assertArrayEquals(new double[] {0.5, 0.5}, b.get(0).probabilities(), 1e-12);
        assertEquals(3, b.get(0).sequences());
        assertEquals(1, b.get(1).label());
        assertTrue(b.get(1).probabilities()[1] > 0.59);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i));
        }
        return out;
    }
}
