package org.clanet.workbench.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.dataset.Timepoint;
import org.clanet.workbench.imaging.ImageFormat;
import org.clanet.workbench.imaging.ImageHeader;
import org.junit.jupiter.api.Test;

class TimelineViewModelTest {

    static Sequence sequence(String well, int frames) {
        return org.clanet.workbench.app.TestDatasets.sequence(well, frames);
    }


    @Test
    void stepsClampAndLabels() {
        TimelineViewModel vm = new TimelineViewModel();
        assertNull(vm.getCurrent());
        assertEquals("No frame", vm.positionText().get());
        Sequence s = sequence("G7", 5);
        vm.sequenceProperty().set(s);
        assertEquals(0, vm.getIndex());
        assertEquals(s.frames().get(0), vm.getCurrent());
        vm.step(1);
        assertEquals(s.frames().get(1), vm.getCurrent());
        assertEquals("Frame 2 / 5 · 0d 4h", vm.positionText().get());
        vm.step(-10);
        assertEquals(0, vm.getIndex());
        vm.last();
        assertEquals(4, vm.getIndex());
        vm.step(3);
        assertEquals(4, vm.getIndex());
        vm.indexProperty().set(99); // a scrubber overshoot is clamped
        assertEquals(4, vm.getIndex());
        vm.first();
        assertEquals(0, vm.getIndex());
    }

    @Test
    void newSequenceStartsAtItsFirstFrameAndStopsPlayback() {
        TimelineViewModel vm = new TimelineViewModel();
        vm.sequenceProperty().set(sequence("G7", 5));
        vm.last();
        vm.togglePlay();
        assertTrue(vm.playingProperty().get());
        Sequence g8 = sequence("G8", 3);
        vm.sequenceProperty().set(g8);
        assertFalse(vm.playingProperty().get());
        assertEquals(g8.frames().get(0), vm.getCurrent());
        vm.sequenceProperty().set(null);
        assertNull(vm.getCurrent());
        assertEquals(-1, vm.getIndex());
    }

    @Test
    void playbackAdvancesWrapsOrStops() {
        TimelineViewModel vm = new TimelineViewModel();
        vm.sequenceProperty().set(sequence("G7", 3));
        vm.tick(); // not playing: nothing
        assertEquals(0, vm.getIndex());
        vm.togglePlay();
        vm.tick();
        vm.tick();
        assertEquals(2, vm.getIndex());
        vm.tick(); // loops by default
        assertEquals(0, vm.getIndex());
        vm.loopProperty().set(false);
        vm.last();
        vm.tick();
        assertFalse(vm.playingProperty().get());
        assertEquals(2, vm.getIndex());
        vm.sequenceProperty().set(sequence("A1", 1));
        vm.togglePlay(); // one frame: nothing to play
        assertFalse(vm.playingProperty().get());
    }
}
