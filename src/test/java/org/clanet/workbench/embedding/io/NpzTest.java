package org.clanet.workbench.embedding.io;

import org.clanet.workbench.io.NpyArray;

import org.clanet.workbench.io.Npz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npz round trip incl. unicode and int32 (the feature export), and half floats. */
class NpzTest {

    @TempDir
    Path tmp;

    @Test
    void featureExportRoundTrips() throws Exception {
        Path f = tmp.resolve("export.npz");
        FeatureExport.write(f, List.of(
                new FeatureExport.Row("A549/batch_1/VID1_G7_1_02d12h00m.jpg", 1, new float[] {1f, 2f, 3f}),
                new FeatureExport.Row("MCF7\\batch_2\\x_µ_00d01h00m.png", 10, new float[] {-1f, 0.5f, 7f})));
        Map<String, NpyArray> a = Npz.read(f);
        assertEquals("<f4", a.get("features").dtype());
        assertArrayEquals(new long[] {2, 3}, a.get("features").shape());
        assertEquals("<i4", a.get("ranks").dtype());
        assertArrayEquals(new float[] {1, 10}, a.get("ranks").data());
        assertEquals("<U36", a.get("paths").dtype());
        assertArrayEquals(new String[] {"A549/batch_1/VID1_G7_1_02d12h00m.jpg", "MCF7/batch_2/x_µ_00d01h00m.png"},
                a.get("paths").strings());
    }

    @Test
    void halfFloats() {
        assertEquals(1.0f, Npz.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, Npz.halfToFloat((short) 0xc000));
        assertEquals(0.5f, Npz.halfToFloat((short) 0x3800));
        assertEquals(5.9604645e-8f, Npz.halfToFloat((short) 0x0001));
    }
}
