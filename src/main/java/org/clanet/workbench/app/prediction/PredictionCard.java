package org.clanet.workbench.app.prediction;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the result card shows for one prediction.
 *
 * @param sequence   the sequence (or batch) predicted, as shown
 * @param top        the top-k lines, most probable first (sorted here)
 * @param unknown    the open-set verdict: no trained line fits ("unknown line")
 * @param warnings   QC warnings ("3 of 22 frames have no patches", "frames are 2 h apart, training data 4 h")
 * @param provenance model, encoder, split, date… in display order
 */
public record PredictionCard(String sequence, List<LineProbability> top, boolean unknown, List<String> warnings,
                             Map<String, String> provenance) {

    public PredictionCard {
        top = top.stream().sorted(Comparator.comparingDouble(LineProbability::probability).reversed()).toList();
        warnings = List.copyOf(warnings);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** The most probable line, or null when there is none. */
    public LineProbability best() {
        return top.isEmpty() ? null : top.get(0);
    }
}
