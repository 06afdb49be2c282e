package org.clanet.workbench.selection;

import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;

/**
 * Development check of the Java Canny against scipy/skimage float64 intermediates: {@code CannyDumpMain IMAGE OUT}
 * writes smoothed, isobel, jsobel, magnitude (little-endian float64, w*h each) for tools/compare_canny.py-style
 * bitwise comparison (see docs/SELECTION.md, Speed).
 */
public final class CannyDumpMain {

    public static void main(String[] args) throws Exception {
        GrayImage img = ImageLoader.loadProcessed(Path.of(args[0]), Preset.AUTO);
        MaskGenerator mg = new MaskGenerator();
        mg.canny.keepSmooth = true;
        mg.mask(img, SelectionParameters.defaults(), new byte[img.width() * img.height()]);
        SkimageCanny c = mg.canny;
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(img.width() * img.height() * 8 * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double[] a : new double[][] {c.smooth, c.isob, c.jsob, c.mag}) {
            for (int i = 0; i < img.width() * img.height(); i++) {
                bb.putDouble(a[i]);
            }
        }
        Files.write(Path.of(args[1]), bb.array());
        System.out.println(img.width() + " " + img.height());
    }
}
