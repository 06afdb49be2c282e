package org.clanet.workbench.app.prediction;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The result card's state: no model yet (say what to do: train or import), a model but no prediction yet, or a
 * prediction. Train… and Import model… call the integrator's callbacks. FX thread.
 */
public final class ResultCardViewModel {

    /** Which face the card shows. */
    public enum State {
        NO_MODEL, NO_PREDICTION, RESULT
    }

    private final BooleanProperty modelAvailable = new SimpleBooleanProperty(this, "modelAvailable");
    private final ObjectProperty<PredictionCard> card = new SimpleObjectProperty<>(this, "card");
    private final BooleanProperty provenanceExpanded = new SimpleBooleanProperty(this, "provenanceExpanded");
    private final ObjectBinding<State> state = Bindings.createObjectBinding(
            () -> card.get() != null ? State.RESULT : modelAvailable.get() ? State.NO_PREDICTION : State.NO_MODEL,
            card, modelAvailable);
    private Runnable onTrain = () -> { };
    private Runnable onImport = () -> { };
    private Runnable onPredict = () -> { };

    /** Whether the workspace has a MIL model to predict with. */
    public BooleanProperty modelAvailableProperty() {
        return modelAvailable;
    }

    /** The prediction shown (null: none). */
    public ObjectProperty<PredictionCard> cardProperty() {
        return card;
    }

    public BooleanProperty provenanceExpandedProperty() {
        return provenanceExpanded;
    }

    public ObjectBinding<State> stateProperty() {
        return state;
    }

    public State getState() {
        return state.get();
    }

    public void setOnTrain(Runnable r) {
        onTrain = r == null ? () -> { } : r;
    }

    public void setOnImport(Runnable r) {
        onImport = r == null ? () -> { } : r;
    }

    public void setOnPredict(Runnable r) {
        onPredict = r == null ? () -> { } : r;
    }

    public void train() {
        onTrain.run();
    }

    public void importModel() {
        onImport.run();
    }

    public void predict() {
        onPredict.run();
    }

    /** "87 %", "0.4 %", "< 0.1 %". */
    public static String percent(double p) {
        if (p > 0 && p < 0.001) {
            return "< 0.1 %";
        }
        return String.format(Locale.ROOT, p >= 0.1 ? "%.0f %%" : "%.1f %%", p * 100);
    }

    /** The headline: "A549 · 87 %", or "Unknown line (closest: A549 · 42 %)". */
    public static String verdict(PredictionCard c) {
        LineProbability b = c.best();
        if (b == null) {
            return c.unknown() ? "Unknown line" : "No prediction";
        }
        String best = b.line() + " · " + percent(b.probability());
        return c.unknown() ? "Unknown line (closest: " + best + ")" : best;
    }
}
