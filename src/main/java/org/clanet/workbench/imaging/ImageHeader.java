package org.clanet.workbench.imaging;

/**
 * What a file's header says about its pixels, read without decoding them.
 *
 * @param bitDepth bits per sample (8 or 16 for the images we process)
 * @param channels samples per pixel (1 gray, 3 RGB, 2/4 with alpha)
 * @param micronsPerPixel the pixel size the file states (TIFF resolution tags in cm or inch), 0 when unknown
 */
public record ImageHeader(ImageFormat format, int width, int height, int bitDepth, int channels,
                          double micronsPerPixel) {

    public ImageHeader(ImageFormat format, int width, int height, int bitDepth, int channels) {
        this(format, width, height, bitDepth, channels, 0);
    }

    public String describe() {
        String kind = switch (channels) {
            case 1 -> "gray";
            case 2 -> "gray+alpha";
            case 3 -> "RGB";
            case 4 -> "RGBA";
            default -> channels + " channels";
        };
        return width + "×" + height + " " + bitDepth + "-bit " + kind + " " + format;
    }
}
