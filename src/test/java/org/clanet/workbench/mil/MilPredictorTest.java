package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.pipeline.Json;
import org.junit.jupiter.api.Test;

class MilPredictorTest {

    @Test
    void predictionCarriesTopKProbabilitiesVerdictWarningsAndEveryInstance() throws Exception {
        List<String> classes = SyntheticBags.classes(4);
        var bags = SyntheticBags.labelled(SyntheticBags.sequences(4, 2, 5, 10, 12, 1.0, 4, "batch_7", 3), classes);
        try (GatedAttentionMil m = GatedAttentionMil.create(classes, 12, 8, 1)) {
            OpenSet.Calibration cal = OpenSet.calibrate(m, bags, bags, OpenSet.Score.MAX_PROBABILITY, 0.2);
            Bag train = bags.get(0).bag();
            BatchQc qc = BatchQc.of(List.of(train));
            Bag b = bags.get(1).bag();
            MilPredictor.SequencePrediction p = MilPredictor.predict(m, b, cal, qc, 3);
            assertEquals(3, p.top().size());
            assertTrue(p.top().get(0).probability() >= p.top().get(1).probability());
            assertEquals(4, p.probabilities().size());
            assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
            assertEquals(50, p.instances().size());
            assertEquals(b.frames().get(1), p.instances().get(10).frame());
            assertEquals(0, p.instances().get(10).rank());
            assertEquals(1.0, p.instances().stream().mapToDouble(MilPredictor.InstanceAttention::attention).sum(),
                    1e-5);
            assertEquals(p.unknown(), !p.unknownReason().isEmpty());
            JsonNode j = Json.MAPPER.valueToTree(p);
            assertTrue(j.has("sequence") && j.has("top") && j.has("instances") && j.has("warnings"));
            List<MilPredictor.BatchPrediction> batches = MilPredictor.batches(List.of(p,
                    MilPredictor.predict(m, bags.get(2).bag(), null, null, 3)), 2);
            assertEquals(1, batches.size());
            assertEquals(2, batches.get(0).sequences());
            assertEquals(2, batches.get(0).top().size());
            assertFalse(MilPredictor.predict(m, b, null, null, 1).unknown());
        }
    }
}
