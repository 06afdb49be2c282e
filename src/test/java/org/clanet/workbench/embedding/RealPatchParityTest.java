package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Real LIVECell patches, file to features: the app's loader + crop + encoder give what the published ViT
 * gives on PIL-read pixels / 255 (tools/embedding/make_real_patch_reference.py). Skips without ../shared.
 */
class RealPatchParityTest {

    @Test
    void realPatchesMatchPublishedPytorch() throws Exception {
        Path root = SharedData.realImages();
        Map<String, NpyArray> ref = Npz.read(VitParityTest.RES.resolve("real_patch_reference.npz"));
        String[] files = ref.get("files").strings();
        float[] boxes = ref.get("boxes").data();
        List<float[]> patches = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            GrayImage img = ImageLoader.loadProcessed(root.resolve(files[i]), Preset.GENERIC);
            patches.add(PatchPixels.crop(img, new Patch(0, (int) boxes[2 * i], (int) boxes[2 * i + 1], 112, 112, 1)));
        }
        try (PatchEncoder enc = PatchEncoders.open(VitParityTest.RES.resolve("vit_p16_d48.npz"), OptionalInt.of(3), "cpu")) {
            double d = VitParityTest.maxAbs(EncoderImportTest.flat(enc.encode(patches)), ref.get("features").data());
            System.out.println("real patches vs published PyTorch: max abs diff " + d);
            assertTrue(d <= 1e-4, "real patch features differ by " + d);
        }
    }
}
