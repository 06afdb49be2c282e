package org.clanet.workbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersCompareByValue() {
        List<String> names = new ArrayList<>(List.of("batch_10", "batch_2", "B10", "b2", "batch_1", "batch_02"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("b2", "B10", "batch_1", "batch_02", "batch_2", "batch_10"), names);
    }
}
