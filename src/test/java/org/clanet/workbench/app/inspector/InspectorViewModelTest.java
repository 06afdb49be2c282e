package org.clanet.workbench.app.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clanet.workbench.app.TestDatasets;
import org.clanet.workbench.dataset.Sequence;
import org.junit.jupiter.api.Test;

class InspectorViewModelTest {

    @Test
    void frameAndSequenceMetadata() {
        InspectorViewModel vm = new InspectorViewModel();
        assertTrue(vm.rows().isEmpty());
        Sequence s = TestDatasets.sequence("G7", 4);
        vm.sequenceProperty().set(s);
        vm.frameProperty().set(s.frames().get(2));
        assertEquals("G7_00d08h00m.png", vm.value("Frame", "File"));
        assertEquals("MCF7", vm.value("Frame", "Cell line"));
        assertEquals("batch_1", vm.value("Frame", "Batch"));
        assertEquals("G7", vm.value("Frame", "Well"));
        assertEquals("3 of 4", vm.value("Frame", "Index"));
        assertEquals("0d 8h  (00d08h00m)", vm.value("Frame", "Time"));
        assertEquals("64 × 48 px", vm.value("Frame", "Size"));
        assertEquals("8-bit, 1 channel", vm.value("Frame", "Bit depth"));
        assertEquals("4", vm.value("Sequence", "Frames"));
        assertEquals("12.0 h", vm.value("Sequence", "Span"));
        assertEquals("4.00 h (mean)", vm.value("Sequence", "Interval"));
        assertEquals(2, vm.rows().stream().filter(r -> r.name().isEmpty()).count(), "two section headers");
    }
}
