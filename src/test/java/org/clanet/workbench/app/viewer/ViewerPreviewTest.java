package org.clanet.workbench.app.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.TestDatasets;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A frame too large to hold whole is shown as a subsampled preview that says so, with file coordinates. */
class ViewerPreviewTest {

    @Test
    void previewSaysSoAndReadsOutFileCoordinates() {
        float[] px = new float[100 * 50];
        px[10 * 100 + 20] = 123 / 255f;
        GrayImage preview = new GrayImage(100, 50, px, 8);
        FrameLoader loader = FrameLoader.previewing(Runnable::run, Runnable::run, 1_000_000,
                f -> new ImageLoader.Preview(preview, 4, 400, 200));
        ViewerViewModel vm = new ViewerViewModel(loader);
        vm.setViewport(400, 400);
        vm.frameProperty().set(TestDatasets.sequence("G7", 1).frames().get(0));
        assertEquals("", vm.errorProperty().get());
        assertEquals(4, vm.previewStep());
        assertEquals("Preview: every 4th pixel of a 400×200 frame (too large to hold whole)", vm.noticeProperty().get());
        vm.pointerAt(vm.getTransform().toViewX(20.5), vm.getTransform().toViewY(10.5));
        assertEquals("x 80 · y 40 · 0.4824 (123) (preview)", vm.readoutProperty().get());
    }

    @Test
    void theProductionLoaderSubsamplesOnlyHugeFrames(@TempDir Path tmp) throws Exception {
        Path small = tmp.resolve("s.png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY), "png", small.toFile());
        FrameLoader loader = new FrameLoader(Runnable::run, Runnable::run, 1_000_000);
        FrameLoader.Result[] got = new FrameLoader.Result[1];
        loader.load(small, r -> got[0] = r);
        assertEquals(1, got[0].step());
        assertEquals(64, got[0].image().width());
        assertTrue(got[0].error() == null);
    }
}
