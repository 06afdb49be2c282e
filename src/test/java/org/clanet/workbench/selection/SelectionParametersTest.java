package org.clanet.workbench.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SelectionParametersTest {

    @Test
    void defaultsArePublishedValues() {
        SelectionParameters p = SelectionParameters.defaults();
        assertEquals(112, p.patchSize());
        assertEquals(40, p.bbNumLimit());
        assertEquals(20, p.finalRegion());
        assertEquals(0.1, p.cannyLow());
        assertEquals(0.2, p.cannyHigh());
        assertEquals(1.0, p.cannySigma());
        assertEquals(0.2, p.percentileLow());
        assertEquals(99.8, p.percentileHigh());
        assertEquals(10, p.maxIterations());
        assertEquals(1e-4, p.tolerance());
        assertEquals(64, p.minHoleArea());
        assertEquals(100, p.minObjectArea());
        assertEquals(0.5, p.polarityThreshold());
        assertEquals(6, p.fillSize());
    }

    @Test
    void everyParameterIsListedAndSettableByName() {
        SelectionParameters d = SelectionParameters.defaults();
        assertEquals(SelectionParameters.names().size(), d.asMap().size());
        for (String name : SelectionParameters.names()) {
            Object v = d.get(name);
            assertEquals(v, d.with(name, String.valueOf(v)).get(name), name);
        }
        SelectionParameters p = d.withAssignment("patchSize=64").with("cannySigma", "1.5").with("grayCodes", "FLOAT");
        assertEquals(64, p.patchSize());
        assertEquals(1.5, p.cannySigma());
        assertEquals("float", p.grayCodes());
        assertEquals(112, d.patchSize(), "records are immutable");
        assertNotEquals(d.canonical(), p.canonical());
        assertEquals(d.canonical(), SelectionParameters.defaults().canonical());
    }

    @Test
    void onlyParametersThatChangeMasksOrPatchesAreInTheResultKey() {
        assertTrue(SelectionParameters.affectsResult("finalRegion"));
        assertTrue(SelectionParameters.affectsResult("cannySigma"));
        assertTrue(!SelectionParameters.affectsResult("minPatches"));
        assertTrue(!SelectionParameters.affectsResult("MINPATCHES"));
        assertThrows(IllegalArgumentException.class, () -> SelectionParameters.affectsResult("nope"));
        SelectionParameters d = SelectionParameters.defaults();
        assertEquals(d.resultMap(), d.with("minPatches", "3").resultMap());
        assertNotEquals(d.resultMap(), d.with("finalRegion", "3").resultMap());
        assertEquals(SelectionParameters.names().size() - 1, d.resultMap().size());
    }

    @Test
    void badNamesAndValuesAreClearErrors() {
        SelectionParameters d = SelectionParameters.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.with("nope", "1"));
        assertTrue(e.getMessage().contains("patchSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.with("patchSize", "abc"));
        assertThrows(IllegalArgumentException.class, () -> d.with("patchSize", "0"));
        assertThrows(IllegalArgumentException.class, () -> d.with("cannyLow", "0.5"));
        assertThrows(IllegalArgumentException.class, () -> d.withAssignment("patchSize"));
        assertThrows(IllegalArgumentException.class, () -> d.with("grayCodes", "maybe"));
    }
}
