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
    void zoomedInPastThePreviewTheViewerShowsAFullResolutionTile(@TempDir Path tmp) throws Exception {
        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 13) % 256);
            }
        }
        Path file = tmp.resolve("VID1_A1_1_00d00h00m.png");
        ImageIO.write(img, "png", file.toFile());
        FrameLoader loader = FrameLoader.previewing(Runnable::run, Runnable::run, 1_000_000,
                f -> ImageLoader.loadPreview(f, 30_000)); // 600×400 shown as every 3rd pixel: 200×134
        ViewerViewModel vm = new ViewerViewModel(loader);
        vm.setViewport(100, 100);
        org.clanet.workbench.dataset.Frame frame = new org.clanet.workbench.dataset.Frame(file, file.getFileName()
                .toString(), org.clanet.workbench.dataset.Timepoint.ofMinutes(0),
                org.clanet.workbench.imaging.ImageHeaderReader.read(file));
        vm.frameProperty().set(frame);
        assertEquals(3, vm.previewStep());
        assertEquals(null, vm.tileProperty().get(), "fitted: a preview pixel is smaller than a screen pixel");

        vm.setViewport(400, 400); // fitted at 2×: a preview pixel covers 2 screen pixels
        FrameLoader.Region tile = vm.tileProperty().get();
        assertTrue(tile != null, "a full-resolution tile");
        // a pixel off the preview's grid, with its true value
        assertEquals(img.getRaster().getSample(301, 157, 0) / 255f, tile.image().get(301 - tile.x(), 157 - tile.y()),
                0f);
        assertTrue((long) tile.image().width() * tile.image().height() <= 600 * 400);

        vm.setViewport(100, 100); // fitted small again: the tile goes
        assertEquals(null, vm.tileProperty().get());
        assertEquals("17 %", vm.zoomText(), "in file pixels: 100 px for 600"); // preview 200 px at 50 %
        vm.oneToOne(); // actual file pixels: a preview pixel covers 3 screen pixels, and the tile is back
        assertEquals(3, vm.getTransform().scale(), 1e-9);
        assertEquals("100 %", vm.zoomText());
        assertTrue(vm.tileProperty().get() != null);
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
