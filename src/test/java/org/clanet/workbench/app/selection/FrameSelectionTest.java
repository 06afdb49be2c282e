package org.clanet.workbench.app.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Timepoint;
import org.clanet.workbench.imaging.ImageFormat;
import org.clanet.workbench.imaging.ImageHeader;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResult;
import org.junit.jupiter.api.Test;

/** Processed → viewer coordinates, summaries and the mask tint. */
class FrameSelectionTest {

    static Frame frame(int w, int h) {
        return new Frame(Path.of("/d/a.png"), "a.png", new Timepoint(0, 4, 0),
                new ImageHeader(ImageFormat.PNG, w, h, 8, 1));
    }

    @Test
    void incucyteFramesAreDrawnScaledBackToTheRawFrameGenericOnesAsTheyAre() {
        assertArrayEquals(new double[] {1, 1}, FrameSelection.scale(frame(704, 520)));
        assertArrayEquals(new double[] {1, 1}, FrameSelection.scale(frame(1408, 1040)), "cropped at the bottom only");
        double[] small = FrameSelection.scale(frame(1280, 944));
        assertEquals(1280 / 1408.0, small[0], 1e-12);
        assertEquals(944 / 1040.0, small[1], 1e-12);
    }

    @Test
    void aReplacedFileDoesNotKeepItsOldOverlay(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("a.png");
        BlobImages.write(file, 360, 280, 11, 40);
        Frame f = new Frame(file, "a.png", new Timepoint(0, 4, 0), new ImageHeader(ImageFormat.PNG, 360, 280, 8, 1));
        SelectionService service = new SelectionService(64L << 20);
        SelectionParameters p = SelectionParameters.defaults();
        FrameSelection before = service.get(null, null, f, p);
        assertTrue(before.patches().size() > 0);
        assertSame(before, service.cached(f, p));
        BlobImages.blank(file, 360, 280, 128); // replaced under the same name
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                java.nio.file.Files.getLastModifiedTime(file).toMillis() + 5000));
        assertNull(service.cached(f, p), "the old file's result is not the new file's");
        assertEquals(0, service.get(null, null, f, p).patches().size());
    }

    @Test
    void summaryNamesCountMaskPolarityTimeAndSource() {
        byte[] mask = new byte[200 * 150];
        for (int i = 0; i < mask.length / 4; i++) {
            mask[i] = (byte) 255;
        }
        SelectionResult r = new SelectionResult(mask, 200, 150, List.of(new Patch(0, 1, 2, 112, 112, 0.9)),
                Optional.of("only 1 patches"), new SelectionResult.Info(true, true, 2, 3, 4, 12.4));
        FrameSelection f = FrameSelection.live(frame(200, 150), SelectionParameters.defaults(), r);
        assertEquals("1 patch · mask 25.0 % · polarity inverted · 12 ms · computed live", f.summary());
        assertEquals(0.25, f.maskFraction(), 1e-12);
        assertTrue(f.patch(0).isPresent());
        FrameSelection failed = FrameSelection.failed(frame(200, 150), SelectionParameters.defaults(), "cannot read");
        assertEquals("Not processed", failed.summary());
        assertEquals("#1 · 0.90", PatchLayer.label(r.patches().get(0)));
        int[] tint = MaskLayer.tintArgb(new byte[] {0, (byte) 255}, 0xff00d0ff);
        assertArrayEquals(new int[] {0, 0xff00d0ff}, tint);
    }
}
