package org.clanet.workbench.app.models;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.mil.store.ModelRegistry;
import org.clanet.workbench.workspace.Workspace;

/** The workspace's encoders and MIL models with their provenance, as the Models tab lists them (read-back only). */
public final class ModelCatalog {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /**
     * One row: an encoder or a MIL model.
     *
     * @param model the MIL model (null for an encoder row)
     */
    public record Entry(String type, String id, String name, String kind, String status, String created,
                        String details, ModelRecord model) {
    }

    private ModelCatalog() {
    }

    /** Every encoder, then every MIL model (newest first as the registries give them). */
    public static List<Entry> list(Workspace ws) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (EncoderRecord e : new EncoderRegistry(ws).list()) {
            out.add(new Entry("Encoder", e.id(), e.name(), e.kind(), "", date(e.created()), details(e.details()),
                    null));
        }
        for (ModelRecord m : new ModelRegistry(ws).list()) {
            StringBuilder d = new StringBuilder(m.classes().size() + " lines");
            if (m.encoderId() != null) {
                d.append(" · encoder ").append(m.encoderId());
            }
            if (m.document().get("split") instanceof Map<?, ?> split && split.get("kind") != null) {
                d.append(" · split ").append(split.get("kind"));
            }
            if (m.document().get("bestEpoch") != null) {
                d.append(" · best epoch ").append(m.document().get("bestEpoch"));
            }
            if (m.document().get("source") != null) {
                d.append(" · from ").append(m.document().get("source"));
            }
            out.add(new Entry("MIL model", m.id(), m.name(), m.kind(), m.status(), date(m.created()), d.toString(),
                    m));
        }
        return out;
    }

    /** The catalog of a dataset's workspace, or nothing when it has none (browsing never creates one). */
    public static List<Entry> list(Path datasetRoot) throws IOException {
        if (datasetRoot == null || !Workspace.worthOpening(datasetRoot)) {
            return List.of();
        }
        try (Workspace ws = Workspace.open(datasetRoot, null)) {
            return list(ws);
        }
    }

    private static String date(java.time.Instant t) {
        return t == null ? "" : DATE.format(t);
    }

    private static String details(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " · ").append(k).append(' ').append(v));
        return sb.toString();
    }
}
