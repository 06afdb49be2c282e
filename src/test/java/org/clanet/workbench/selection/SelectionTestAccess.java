package org.clanet.workbench.selection;

import java.io.IOException;
import java.nio.file.Path;

import org.clanet.workbench.imaging.GrayImage;

/** Test-side access to package helpers for the bench package. */
public final class SelectionTestAccess {

    private SelectionTestAccess() {
    }

    public static String profile(int images) {
        return Profile.report(images);
    }

    /** Clears the stage timings (after warm-up). */
    public static void resetProfile() {
        java.util.Arrays.fill(Profile.NANOS, 0L);
    }

    public static GrayImage loadIncucyte(Path file) throws IOException {
        return TestImages.incucyte(TestImages.read8(file));
    }
}
