package org.clanet.workbench.mil.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our sampler against the published code's own draws (tools/mil/tss_reference.py runs the extracted
 * __getitem__ 20 000 times per series): frequencies of g, of snippet sizes and of each frame per g, and the
 * mean weight per g, each within 5 standard errors of the difference.
 */
class SegmentSamplerDistributionTest {

    @Test
    void matchesThePublishedSamplingDistribution() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/mil/tss_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int skip = ref.get("skipEpochs").asInt();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("series").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> series = it.next();
            JsonNode r = series.getValue();
            int[] hours = new int[r.get("times").size()];
            for (int i = 0; i < hours.length; i++) {
                hours[i] = r.get("times").get(i).asInt();
            }
            int draws = r.get("draws").asInt();
            int n = hours.length;
            assertEquals(r.get("expected").asDouble(), SegmentSampler.expectedInterval(hours), 1e-12);
            SegmentSampler.Plan plan = new SegmentSampler().plan(hours, skip + draws, 99 + series.getKey().hashCode());
            double[] gCount = new double[8];
            double[][] sizeCount = new double[9][n + 1];
            double[][] frameCount = new double[9][n];
            double[] wSum = new double[9];
            for (int e = skip; e < skip + draws; e++) {
                Snippet s = plan.snippet(e);
                gCount[s.g() - 1]++;
                sizeCount[s.g()][s.size()]++;
                for (int f : s.frames()) {
                    frameCount[s.g()][f]++;
                }
                wSum[s.g()] += s.weight();
            }
            for (int g = 1; g <= 8; g++) {
                compared += check(failures, series.getKey() + " p(g=" + g + ")", gCount[g - 1] / draws, draws,
                        r.get("gFrequency").get(g - 1).asDouble(), draws);
                JsonNode pg = r.get("perG").get(String.valueOf(g));
                if (pg == null || gCount[g - 1] == 0) {
                    continue;
                }
                int m = (int) gCount[g - 1];
                int rm = pg.get("count").asInt();
                for (int k = 0; k <= n; k++) {
                    compared += check(failures, series.getKey() + " g=" + g + " size " + k, sizeCount[g][k] / m, m,
                            pg.get("sizeFrequency").get(k).asDouble(), rm);
                }
                for (int f = 0; f < n; f++) {
                    compared += check(failures, series.getKey() + " g=" + g + " frame " + f, frameCount[g][f] / m, m,
                            pg.get("frameFrequency").get(f).asDouble(), rm);
                }
                double sd = pg.get("sdWeight").asDouble();
                double tol = 5 * sd * Math.sqrt(1.0 / m + 1.0 / rm) + 1e-9;
                double mean = wSum[g] / m;
                compared++;
                if (Math.abs(mean - pg.get("meanWeight").asDouble()) > tol) {
                    failures.add(series.getKey() + " g=" + g + " mean weight " + mean + " vs published "
                            + pg.get("meanWeight").asDouble() + " (tol " + tol + ")");
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static int check(List<String> failures, String what, double p1, int n1, double p2, int n2) {
        double p = (p1 * n1 + p2 * n2) / (n1 + n2);
        double tol = 5 * Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2)) + 1e-3;
        if (Math.abs(p1 - p2) > tol) {
            failures.add(what + ": " + p1 + " vs published " + p2 + " (tol " + tol + ")");
        }
        return 1;
    }
}
