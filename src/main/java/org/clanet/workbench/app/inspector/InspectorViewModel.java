package org.clanet.workbench.app.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;

/** Metadata of the current frame and its sequence as (section, name, value) rows. FX-thread only. */
public final class InspectorViewModel {

    /** One row; a row with an empty name is a section header. */
    public record Row(String section, String name, String value) {
    }

    private final ObjectProperty<Sequence> sequence = new SimpleObjectProperty<>(this, "sequence");
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(this, "frame");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public InspectorViewModel() {
        sequence.addListener(o -> rows.setAll(rows(sequence.get(), frame.get())));
        frame.addListener(o -> rows.setAll(rows(sequence.get(), frame.get())));
    }

    public static List<Row> rows(Sequence s, Frame f) {
        List<Row> out = new ArrayList<>();
        if (f != null) {
            String sec = "Frame";
            out.add(new Row(sec, "", "Frame"));
            out.add(new Row(sec, "File", f.fileName()));
            out.add(new Row(sec, "Path", f.relativePath()));
            if (s != null) {
                out.add(new Row(sec, "Cell line", s.cellLine()));
                out.add(new Row(sec, "Batch", s.batch()));
                out.add(new Row(sec, "Well", s.well().orElse("—")));
                int i = s.frames().indexOf(f);
                out.add(new Row(sec, "Index", (i + 1) + " of " + s.size()));
            }
            out.add(new Row(sec, "Time", f.time().label() + "  (" + f.time().token() + ")"));
            out.add(new Row(sec, "Size", f.header().width() + " × " + f.header().height() + " px"));
            out.add(new Row(sec, "Bit depth", f.header().bitDepth() + "-bit, " + f.header().channels()
                    + (f.header().channels() == 1 ? " channel" : " channels")));
            out.add(new Row(sec, "Format", String.valueOf(f.header().format())));
        }
        if (s != null) {
            String sec = "Sequence";
            out.add(new Row(sec, "", "Sequence"));
            out.add(new Row(sec, "Name", s.displayName()));
            out.add(new Row(sec, "Key", s.key()));
            out.add(new Row(sec, "Frames", Integer.toString(s.size())));
            out.add(new Row(sec, "First", s.first().label()));
            out.add(new Row(sec, "Last", s.last().label()));
            out.add(new Row(sec, "Span", String.format(Locale.ROOT, "%.1f h", s.spanHours())));
            out.add(new Row(sec, "Interval", s.size() < 2 ? "—"
                    : String.format(Locale.ROOT, "%.2f h (mean)", s.meanIntervalHours())));
        }
        return out;
    }

    public ObjectProperty<Sequence> sequenceProperty() {
        return sequence;
    }

    public ObjectProperty<Frame> frameProperty() {
        return frame;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The value of a named row, or null (tests). */
    public String value(String section, String name) {
        return rows.stream().filter(r -> r.section().equals(section) && r.name().equals(name))
                .map(Row::value).findFirst().orElse(null);
    }
}
