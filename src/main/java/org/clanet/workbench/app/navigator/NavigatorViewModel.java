package org.clanet.workbench.app.navigator;

import static org.clanet.workbench.app.util.Texts.count;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.dataset.Batch;
import org.clanet.workbench.dataset.CellLine;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Sequence;

/**
 * The navigator's state: a tree cell line → batch → sequence built from the dataset, the selected sequence,
 * and the pluggable status badges. FX-thread only; no scene graph.
 */
public final class NavigatorViewModel {

    private final ReadOnlyObjectWrapper<NavigatorNode> root = new ReadOnlyObjectWrapper<>(this, "root");
    private final ObjectProperty<Sequence> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<BadgeProvider> providers = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper badgeRevision = new ReadOnlyLongWrapper(this, "badgeRevision");
    private final Map<String, NavigatorNode> byId = new HashMap<>();

    public NavigatorViewModel() {
        providers.addListener((javafx.collections.ListChangeListener<BadgeProvider>) c -> refreshBadges());
    }

    /** Rebuilds the tree; selects the first sequence (or nothing for an empty dataset). */
    public void setDataset(Dataset d) {
        byId.clear();
        if (d == null) {
            root.set(null);
            selected.set(null);
            return;
        }
        List<NavigatorNode> lines = new ArrayList<>();
        for (CellLine line : d.cellLines()) {
            List<NavigatorNode> batches = new ArrayList<>();
            for (Batch b : line.batches()) {
                List<NavigatorNode> seqs = new ArrayList<>(b.sequences().size());
                for (Sequence s : b.sequences()) {
                    seqs.add(index(new NavigatorNode(NavigatorNode.Kind.SEQUENCE, s.id(), s.displayName(),
                            sequenceDetail(s), s, List.of())));
                }
                batches.add(index(new NavigatorNode(NavigatorNode.Kind.BATCH, line.name() + "/" + b.name(), b.name(),
                        count(b.sequences().size(), "sequence") + " · " + count(b.imageCount(), "image"), null, seqs)));
            }
            lines.add(index(new NavigatorNode(NavigatorNode.Kind.CELL_LINE, line.name(), line.name(),
                    count(line.batches().size(), "batch") + " · " + count(line.sequenceCount(), "sequence"), null,
                    batches)));
        }
        String name = d.root().getFileName() == null ? d.root().toString() : d.root().getFileName().toString();
        root.set(index(new NavigatorNode(NavigatorNode.Kind.DATASET, "", name,
                count(d.imageCount(), "image"), null, lines)));
        selected.set(d.sequences().findFirst().orElse(null));
    }

    private NavigatorNode index(NavigatorNode n) {
        byId.put(n.kind() + ":" + n.id(), n);
        return n;
    }

    /** "22 frames · 84 h" (span), or "1 frame". */
    public static String sequenceDetail(Sequence s) {
        if (s.size() == 1) {
            return "1 frame · " + s.first().label();
        }
        return count(s.size(), "frame") + " · " + hours(s.spanHours());
    }

    static String hours(double h) {
        return h == Math.rint(h) ? String.format(Locale.ROOT, "%.0f h", h) : String.format(Locale.ROOT, "%.1f h", h);
    }

    public ReadOnlyObjectProperty<NavigatorNode> rootProperty() {
        return root.getReadOnlyProperty();
    }

    public NavigatorNode getRoot() {
        return root.get();
    }

    /** The node of a sequence id, or null. */
    public NavigatorNode sequenceNode(String sequenceId) {
        return byId.get(NavigatorNode.Kind.SEQUENCE + ":" + sequenceId);
    }

    /** The selected sequence: set by the tree, by tests, or by other views ("show this sequence"). */
    public ObjectProperty<Sequence> selectedProperty() {
        return selected;
    }

    public Sequence getSelected() {
        return selected.get();
    }

    public void select(Sequence s) {
        selected.set(s);
    }

    /** Selects the sequence with this id; false when there is none. */
    public boolean select(String sequenceId) {
        NavigatorNode n = sequenceNode(sequenceId);
        if (n == null) {
            return false;
        }
        selected.set(n.sequence());
        return true;
    }

    /** Selects a sequence by id, else by key or display name (first match); false when there is none. */
    public boolean selectByName(String idOrName) {
        if (select(idOrName)) {
            return true;
        }
        return byId.values().stream().filter(n -> n.sequence() != null
                        && (n.label().equals(idOrName) || n.sequence().key().equals(idOrName))).findFirst()
                .map(n -> {
                    selected.set(n.sequence());
                    return true;
                }).orElse(false);
    }

    /** Providers of status badges; register yours here (see {@link BadgeProvider}). */
    public ObservableList<BadgeProvider> badgeProviders() {
        return providers;
    }

    /** All badges for a sequence, provider by provider; a failing provider contributes nothing. */
    public List<Badge> badges(Sequence s) {
        List<Badge> out = new ArrayList<>();
        for (BadgeProvider p : providers) {
            try {
                out.addAll(p.badges(s));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(NavigatorViewModel.class).warn("badge provider failed", e);
            }
        }
        return out;
    }

    /** Tells the tree to redraw its badges (a provider's state changed). */
    public void refreshBadges() {
        badgeRevision.set(badgeRevision.get() + 1);
    }

    public ReadOnlyLongProperty badgeRevisionProperty() {
        return badgeRevision.getReadOnlyProperty();
    }
}
