package org.clanet.workbench.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG and TIFF (LZW, deflate/zip, PackBits, with or without the horizontal predictor; through the
 * TwelveMonkeys plug-in) files, 8- or 16-bit, gray or RGB, into {@link GrayImage}s as
 * METHOD.md §1 takes them: codes divided by the bit depth's maximum, RGB to luminance with
 * scikit-image's weights (0.2125 R + 0.7154 G + 0.0721 B).
 */
public final class ImageLoader {

    static final double R_WEIGHT = 0.2125;
    static final double G_WEIGHT = 0.7154;
    static final double B_WEIGHT = 0.0721;

    private ImageLoader() {
    }

    /**
     * The file as it is, as gray floats in [0,1]; refused with {@link ImageTooLargeException} before decoding
     * when its header says it has more pixels than {@link ImageLimits#maxSelectionPixels()}.
     */
    public static GrayImage loadGray(Path file) throws ImageReadException {
        return loadGray(file, ImageLimits.maxSelectionPixels());
    }

    /** {@link #loadGray(Path)} with an explicit pixel limit. */
    public static GrayImage loadGray(Path file, long maxPixels) throws ImageReadException {
        ImageHeader header = header(file);
        if ((long) header.width() * header.height() > maxPixels) {
            throw new ImageTooLargeException(file, header.width(), header.height(), maxPixels);
        }
        return toGray(file, decode(file, 1));
    }

    /**
     * A frame to look at: the whole image when it has at most {@code maxPixels} pixels, else every
     * {@code step}-th pixel of every {@code step}-th row, subsampled while decoding so memory stays bounded.
     *
     * @param step       1 for the image itself, else the subsampling factor (a preview pixel covers step×step)
     * @param fullWidth  the file's width
     * @param fullHeight the file's height
     */
    public record Preview(GrayImage image, int step, int fullWidth, int fullHeight) {

        public boolean downsampled() {
            return step > 1;
        }
    }

    /** See {@link Preview}: decodes with {@code ImageReadParam.setSourceSubsampling} when the file is big. */
    public static Preview loadPreview(Path file, long maxPixels) throws ImageReadException {
        ImageHeader header = header(file);
        double pixels = (double) header.width() * header.height();
        int step = (int) Math.max(1, Math.ceil(Math.sqrt(pixels / maxPixels)));
        return new Preview(toGray(file, decode(file, step)), step, header.width(), header.height());
    }

    private static ImageHeader header(Path file) throws ImageReadException {
        if (!Files.isRegularFile(file)) {
            throw new ImageReadException(file, "no such file");
        }
        return ImageHeaderReader.read(file);
    }

    /**
     * The file's pixels in a rectangle (clamped to the image), at full resolution: the viewer's tile at high zoom
     * over a subsampled {@link Preview}. Decodes with {@code ImageReadParam.setSourceRegion}, holding only the region.
     */
    public static GrayImage loadRegion(Path file, int x, int y, int w, int h) throws ImageReadException {
        ImageHeader header = header(file);
        int x0 = Math.max(0, Math.min(header.width() - 1, x));
        int y0 = Math.max(0, Math.min(header.height() - 1, y));
        int x1 = Math.max(x0 + 1, Math.min(header.width(), x + w));
        int y1 = Math.max(y0 + 1, Math.min(header.height(), y + h));
        return toGray(file, decode(file, 1, new java.awt.Rectangle(x0, y0, x1 - x0, y1 - y0)));
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
        return decode(file, 1);
    }

    /**
     * Decodes the first image, every {@code step}-th pixel and row. The data is checked first
     * ({@link ImageIntegrity}: PNG CRCs and IEND, TIFF compression and strips inside the file) and any decoder
     * warning fails the file: a warning ("Truncated File - Missing EOI marker") is how ImageIO reports a JPEG it
     * filled with grey.
     */
    public static BufferedImage decode(Path file, int step) throws ImageReadException {
        return decode(file, step, null);
    }

    private static BufferedImage decode(Path file, int step, java.awt.Rectangle region) throws ImageReadException {
        if (!Files.isRegularFile(file)) {
            throw new ImageReadException(file, "no such file");
        }
        java.util.Optional<ImageFormat> byName = ImageFormat.fromFileName(file.getFileName().toString());
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageReadException(file, "cannot open file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageReadException(file, "not a readable image (no decoder recognises its content)");
            }
            List<ImageReader> candidates = new ArrayList<>();
            readers.forEachRemaining(candidates::add);
            ImageFormat format = formatOf(candidates.get(0), byName.orElse(null));
            if (format != null) {
                ImageIntegrity.check(file, format);
            }
            if (format == ImageFormat.TIFF) {
                // The JDK's TIFF reader is faster on what it reads (LZW/none without a predictor: measured 4.6-5.6 vs
                // 6.8-6.9 ms per LIVECell frame); TwelveMonkeys takes over for the variants the JDK refuses.
                candidates.sort(java.util.Comparator.comparing(r -> r.getClass().getName().startsWith("com.sun.")
                        ? 0 : 1));
            }
            IOException refused = null;
            for (int i = 0; i < candidates.size(); i++) {
                ImageReader reader = candidates.get(i);
                boolean last = i == candidates.size() - 1;
                List<String> warnings = new ArrayList<>();
                try {
                    in.seek(0);
                    reader.setInput(in, true, true);
                    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                    ImageReadParam param = reader.getDefaultReadParam();
                    if (step > 1) {
                        param.setSourceSubsampling(step, step, 0, 0);
                    }
                    if (region != null) {
                        param.setSourceRegion(region);
                    }
                    BufferedImage img = reader.read(0, param);
                    if (!warnings.isEmpty()) {
                        throw new ImageReadException(file, ImageIntegrity.CORRUPT + String.join("; ", warnings));
                    }
                    return img;
                } catch (IOException | RuntimeException e) {
                    if (last || format != ImageFormat.TIFF || e instanceof ImageReadException) {
                        throw e;
                    }
                    refused = e instanceof IOException io ? io : new IOException(e); // try the next TIFF reader
                } finally {
                    reader.dispose();
                }
            }
            throw refused != null ? refused : new IOException("no reader could decode the file");
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String lower = detail.toLowerCase(java.util.Locale.ROOT);
            // a reader that says "unsupported" met something valid it cannot decode: not a corrupt file
            if (lower.contains("unsupported") || lower.contains("not supported")) {
                throw new ImageReadException(file, ImageIntegrity.UNSUPPORTED + detail, e);
            }
            throw new ImageReadException(file, ImageIntegrity.CORRUPT + detail, e);
        }
    }

    /** The format the chosen reader decodes (the content decides, not the extension). */
    private static ImageFormat formatOf(ImageReader reader, ImageFormat fallback) throws IOException {
        String name = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
        if (name.contains("png")) {
            return ImageFormat.PNG;
        }
        if (name.contains("jpeg") || name.contains("jpg")) {
            return ImageFormat.JPEG;
        }
        if (name.contains("tif")) {
            return ImageFormat.TIFF;
        }
        return fallback;
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
            throw new ImageReadException(file, "unsupported: bit depth " + bits + " (8 or 16 expected)");
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
