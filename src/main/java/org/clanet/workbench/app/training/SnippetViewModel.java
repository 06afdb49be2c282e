package org.clanet.workbench.app.training;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The snippets of one sequence in a training run and the one stepped to. FX thread. */
public final class SnippetViewModel {

    /**
     * A sequence's snippets.
     *
     * @param sequence    name shown
     * @param frameHours  each frame's time in hours (the time axis), ascending
     * @param frameLabels each frame's label ("0d 8h")
     * @param snippets    in epoch order
     */
    public record Snippets(String sequence, double[] frameHours, List<String> frameLabels, List<Snippet> snippets) {

        public Snippets {
            frameHours = frameHours.clone();
            frameLabels = List.copyOf(frameLabels);
            snippets = List.copyOf(snippets);
            if (frameLabels.size() != frameHours.length) {
                throw new IllegalArgumentException(frameLabels.size() + " labels for " + frameHours.length
                        + " frames");
            }
        }
    }

    private final ObjectProperty<Snippets> snippets = new SimpleObjectProperty<>(this, "snippets");
    private final IntegerProperty index = new SimpleIntegerProperty(this, "index", -1);
    private final StringBinding info = Bindings.createStringBinding(this::describe, snippets, index);

    public SnippetViewModel() {
        snippets.addListener((o, a, s) -> index.set(s == null || s.snippets().isEmpty() ? -1 : 0));
    }

    public ObjectProperty<Snippets> snippetsProperty() {
        return snippets;
    }

    /** The snippet stepped to, -1 when there is none. */
    public IntegerProperty indexProperty() {
        return index;
    }

    public Snippet current() {
        Snippets s = snippets.get();
        int i = index.get();
        return s == null || i < 0 || i >= s.snippets().size() ? null : s.snippets().get(i);
    }

    public boolean hasNext() {
        Snippets s = snippets.get();
        return s != null && index.get() < s.snippets().size() - 1;
    }

    public boolean hasPrevious() {
        return index.get() > 0;
    }

    public void next() {
        if (hasNext()) {
            index.set(index.get() + 1);
        }
    }

    public void previous() {
        if (hasPrevious()) {
            index.set(index.get() - 1);
        }
    }

    /** Steps to snippet {@code i} (ignored when out of range). */
    public void select(int i) {
        Snippets s = snippets.get();
        if (s != null && i >= 0 && i < s.snippets().size()) {
            index.set(i);
        }
    }

    /** "Snippet 3 of 12 · epoch 7 · g = 6 h · 5 of 22 frames · weight 0.412". */
    public StringBinding infoProperty() {
        return info;
    }

    private String describe() {
        Snippets s = snippets.get();
        Snippet c = current();
        if (s == null || c == null) {
            return "No snippets";
        }
        return String.format(Locale.ROOT, "Snippet %d of %d · epoch %d · g = %d h · %d of %d frames · weight %.3f",
                index.get() + 1, s.snippets().size(), c.epoch(), c.g(), c.frames().size(), s.frameHours().length,
                c.weight());
    }
}
