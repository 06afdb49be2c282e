package org.clanet.workbench.pipeline.stage;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.clanet.workbench.workspace.CacheKey;
import org.clanet.workbench.workspace.InputFingerprint;

/** The keying scheme of every stage: parameters + input files + the keys of upstream results, chained. */
public final class StageKeys {

    private StageKeys() {
    }

    /** A first stage's key: its parameters and the files it reads. */
    public static String of(ItemStage<?, ?> stage, List<InputFingerprint> inputs) {
        return CacheKey.of(stage.name(), stage.version(), stage.parameters(), inputs);
    }

    /**
     * A downstream stage's key: its parameters and the keys of the results it is built from, by name (e.g.
     * {@code "select" → the frame's selection key}, {@code "encoder" → the encoder's id}).
     */
    public static String chained(ItemStage<?, ?> stage, Map<String, String> upstream) {
        SortedMap<String, Object> p = new TreeMap<>(stage.parameters());
        p.put("@upstream", new TreeMap<>(upstream));
        return CacheKey.of(stage.name(), stage.version(), p, List.of());
    }
}
