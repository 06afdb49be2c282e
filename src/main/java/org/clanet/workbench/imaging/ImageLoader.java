package org.clanet.workbench.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG and TIFF (including LZW) files, 8- or 16-bit, gray or RGB, into {@link GrayImage}s as
 * METHOD.md §1 takes them: codes divided by the bit depth's maximum, RGB to luminance with
 * scikit-image's weights (0.2125 R + 0.7154 G + 0.0721 B).
 */
public final class ImageLoader {

    static final double R_WEIGHT = 0.2125;
    static final double G_WEIGHT = 0.7154;
    static final double B_WEIGHT = 0.0721;

    private ImageLoader() {
    }

    /** The file as it is, as gray floats in [0,1]. */
    public static GrayImage loadGray(Path file) throws ImageReadException {
        return toGray(file, decode(file));
    }

    /** The file after a preset (AUTO picks it from the size): what every stage processes. */
    public static GrayImage loadProcessed(Path file, Preset preset) throws ImageReadException {
        GrayImage raw = loadGray(file);
        try {
            return preset.resolve(raw.width(), raw.height()).apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ImageReadException(file, e.getMessage(), e);
        }
    }

    /** Decodes the first image of a file with ImageIO, with errors that name the file and the problem. */
    public static BufferedImage decode(Path file) throws ImageReadException {
        if (!Files.isRegularFile(file)) {
            throw new ImageReadException(file, "no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageReadException(file, "cannot open file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageReadException(file, "not a readable image (no decoder recognises its content)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageReadException(file, "corrupt or truncated image: " + detail, e);
        }
    }

    static GrayImage toGray(Path file, BufferedImage img) throws ImageReadException {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        int bits = raster.getSampleModel().getSampleSize(0);
        float[] out = new float[w * h];
        if (img.getColorModel() instanceof IndexColorModel) {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                out[i] = luminance((argb[i] >> 16) & 0xff, (argb[i] >> 8) & 0xff, argb[i] & 0xff, 255.0);
            }
            return new GrayImage(w, h, out, 8);
        }
        if (bits != 8 && bits != 16) {
            throw new ImageReadException(file, "unsupported bit depth " + bits + " (8 or 16 expected)");
        }
        double max = (1 << bits) - 1;
        if (bands <= 2) {
            if (bands == 1 && raster.getDataBuffer() instanceof DataBufferByte bytes
                    && raster.getSampleModel().getNumDataElements() == 1 && bytes.getNumBanks() == 1
                    && bytes.getData().length == w * h) {
                byte[] data = bytes.getData();
                for (int i = 0; i < data.length; i++) {
                    out[i] = (data[i] & 0xff) / 255f;
                }
            } else if (bands == 1 && raster.getDataBuffer() instanceof DataBufferUShort shorts
                    && shorts.getNumBanks() == 1 && shorts.getData().length == w * h) {
                short[] data = shorts.getData();
                for (int i = 0; i < data.length; i++) {
                    out[i] = (float) ((data[i] & 0xffff) / max);
                }
            } else {
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, 0, row);
                    for (int x = 0; x < w; x++) {
                        out[y * w + x] = (float) (row[x] / max);
                    }
                }
            }
        } else {
            int[] r = new int[w];
            int[] g = new int[w];
            int[] b = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, r);
                raster.getSamples(0, y, w, 1, 1, g);
                raster.getSamples(0, y, w, 1, 2, b);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = luminance(r[x], g[x], b[x], max);
                }
            }
        }
        return new GrayImage(w, h, out, bits);
    }

    private static float luminance(int r, int g, int b, double max) {
        return (float) ((R_WEIGHT * r + G_WEIGHT * g + B_WEIGHT * b) / max);
    }
}
