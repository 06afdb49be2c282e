package org.clanet.workbench.embedding.dino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.junit.jupiter.api.Test;

/** The crop resize equals PIL's bicubic box resize (tools/embedding/make_crop_reference.py); views are sane. */
class MultiCropTest {

    @Test
    void resizeMatchesPilBicubic() throws Exception {
        Map<String, NpyArray> ref = Npz.read(Path.of("src/test/resources/embedding/crop_reference.npz"));
        float[] img = ref.get("image").data();
        float[] boxes = ref.get("boxes").data();
        for (int i = 0; i < boxes.length / 5; i++) {
            int left = (int) boxes[i * 5];
            int top = (int) boxes[i * 5 + 1];
            int w = (int) boxes[i * 5 + 2];
            int h = (int) boxes[i * 5 + 3];
            int size = (int) boxes[i * 5 + 4];
            float[] got = MultiCrop.resizeBicubic(img, 112, left, top, w, h, size);
            float[] want = ref.get("out_" + i).data();
            double d = 0;
            for (int k = 0; k < want.length; k++) {
                // PIL does not clip float images; ours clips to [0,1] as the uint8 pipeline does
                d = Math.max(d, Math.abs(got[k] - Math.min(1, Math.max(0, want[k]))));
            }
            assertTrue(d < 1e-5, "box " + i + " differs from PIL by " + d);
        }
    }

    @Test
    void viewsHaveTheSizesAndRangeAndAreSeeded() {
        DinoParameters p = DinoParameters.published();
        MultiCrop mc = new MultiCrop(p);
        float[] patch = new float[112 * 112];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = (i % 112) / 111f;
        }
        float[][] v = mc.views(patch, 112, new SplittableRandom(4));
        assertEquals(10, v.length);
        assertEquals(112 * 112, v[0].length);
        assertEquals(112 * 112, v[1].length);
        assertEquals(32 * 32, v[9].length);
        for (float[] x : v) {
            for (float f : x) {
                assertTrue(f >= 0 && f <= 1);
            }
        }
        float[][] again = mc.views(patch, 112, new SplittableRandom(4));
        for (int i = 0; i < v.length; i++) {
            assertArrayEquals(v[i], again[i]);
        }
    }
}
