package org.clanet.workbench.imaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads size, bit depth and channels from PNG, JPEG and TIFF headers by parsing the few bytes that
 * hold them. Scanning a dataset must not decode images: this reads at most a few KiB per file.
 */
public final class ImageHeaderReader {

    private static final int FIRST_READ = 4096;

    private ImageHeaderReader() {
    }

    public static ImageHeader read(Path file) throws ImageReadException {
        ImageFormat expected = ImageFormat.fromFileName(file.getFileName().toString())
                .orElseThrow(() -> new ImageReadException(file, "not an image file (expected .jpg, .png or .tif)"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new ImageReadException(file, "empty file (0 bytes)");
            }
            ByteBuffer head = readAt(ch, 0, (int) Math.min(FIRST_READ, size));
            ImageFormat actual = sniff(head);
            if (actual == null) {
                throw new ImageReadException(file, "not a valid " + expected + " file (unknown signature)");
            }
            return switch (actual) {
                case PNG -> png(file, head);
                case JPEG -> jpeg(file, ch, size);
                case TIFF -> tiff(file, ch, head, size);
            };
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(file, "unreadable header: " + e.getMessage(), e);
        }
    }

    static ImageFormat sniff(ByteBuffer head) {
        if (head.limit() >= 8 && (head.get(0) & 0xff) == 0x89 && head.get(1) == 'P' && head.get(2) == 'N'
                && head.get(3) == 'G') {
            return ImageFormat.PNG;
        }
        if (head.limit() >= 3 && (head.get(0) & 0xff) == 0xFF && (head.get(1) & 0xff) == 0xD8) {
            return ImageFormat.JPEG;
        }
        if (head.limit() >= 4 && ((head.get(0) == 'I' && head.get(1) == 'I' && head.get(2) == 42 && head.get(3) == 0)
                || (head.get(0) == 'M' && head.get(1) == 'M' && head.get(2) == 0 && head.get(3) == 42))) {
            return ImageFormat.TIFF;
        }
        return null;
    }

    private static ImageHeader png(Path file, ByteBuffer b) throws ImageReadException {
        if (b.limit() < 26 || b.get(12) != 'I' || b.get(13) != 'H' || b.get(14) != 'D' || b.get(15) != 'R') {
            throw new ImageReadException(file, "truncated PNG header (no IHDR chunk)");
        }
        b.order(ByteOrder.BIG_ENDIAN);
        int width = b.getInt(16);
        int height = b.getInt(20);
        int bitDepth = b.get(24) & 0xff;
        int colorType = b.get(25) & 0xff;
        int channels = switch (colorType) {
            case 0 -> 1;
            case 2 -> 3;
            case 3 -> 3; // palette: decoded as RGB
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new ImageReadException(file, "invalid PNG colour type " + colorType);
        };
        if (colorType == 3) {
            bitDepth = 8;
        }
        return checked(file, new ImageHeader(ImageFormat.PNG, width, height, bitDepth, channels));
    }

    private static ImageHeader jpeg(Path file, FileChannel ch, long size) throws IOException {
        long pos = 2;
        while (pos + 4 <= size) {
            ByteBuffer m = readAt(ch, pos, 4);
            if ((m.get(0) & 0xff) != 0xFF) {
                throw new ImageReadException(file, "corrupt JPEG (bad marker at byte " + pos + ")");
            }
            int marker = m.get(1) & 0xff;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                pos += 2;
                continue;
            }
            int length = ((m.get(2) & 0xff) << 8) | (m.get(3) & 0xff);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                ByteBuffer s = readAt(ch, pos + 4, 6);
                if (s.limit() < 6) {
                    break;
                }
                int precision = s.get(0) & 0xff;
                int height = ((s.get(1) & 0xff) << 8) | (s.get(2) & 0xff);
                int width = ((s.get(3) & 0xff) << 8) | (s.get(4) & 0xff);
                int comps = s.get(5) & 0xff;
                return checked(file, new ImageHeader(ImageFormat.JPEG, width, height, precision, comps));
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break;
            }
            pos += 2 + length;
        }
        throw new ImageReadException(file, "truncated JPEG (no frame header)");
    }

    private static ImageHeader tiff(Path file, FileChannel ch, ByteBuffer head, long size) throws IOException {
        ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        head.order(order);
        long ifd = Integer.toUnsignedLong(head.getInt(4));
        if (ifd < 8 || ifd + 2 > size) {
            throw new ImageReadException(file, "corrupt TIFF (first directory offset " + ifd + " outside the file)");
        }
        ByteBuffer countBuf = readAt(ch, ifd, 2).order(order);
        int entries = countBuf.getShort(0) & 0xffff;
        ByteBuffer dir = readAt(ch, ifd + 2, entries * 12).order(order);
        if (dir.limit() < entries * 12) {
            throw new ImageReadException(file, "truncated TIFF directory");
        }
        int width = -1;
        int height = -1;
        int bits = 1;
        int samples = 1;
        long xResolutionAt = -1;
        int resolutionUnit = 2; // TIFF's default: inch
        for (int i = 0; i < entries; i++) {
            int base = i * 12;
            int tag = dir.getShort(base) & 0xffff;
            int type = dir.getShort(base + 2) & 0xffff;
            long count = Integer.toUnsignedLong(dir.getInt(base + 4));
            // A value that fits in the 4-byte field sits there left-justified (a SHORT is its first 2 bytes, in the
            // file's byte order); a longer one (BitsPerSample of RGB: 3 SHORTs) is at the offset the field holds.
            long field = Integer.toUnsignedLong(dir.getInt(base + 8));
            int value = type == 3 ? dir.getShort(base + 8) & 0xffff : (int) Math.min(field, Integer.MAX_VALUE);
            switch (tag) {
                case 256 -> width = value;
                case 257 -> height = value;
                case 258 -> bits = type != 3 || count * 2 <= 4 ? value : readShortAt(ch, field, size, file, order);
                case 277 -> samples = value;
                case 282 -> xResolutionAt = type == 5 ? field : -1; // RATIONAL: two LONGs at the offset
                case 296 -> resolutionUnit = value;
                default -> { }
            }
        }
        if (width <= 0 || height <= 0) {
            throw new ImageReadException(file, "TIFF without image width/height");
        }
        double microns = 0;
        if (xResolutionAt >= 0 && xResolutionAt + 8 <= size) {
            ByteBuffer r = readAt(ch, xResolutionAt, 8).order(order);
            microns = micronsPerPixel(Integer.toUnsignedLong(r.getInt(0)), Integer.toUnsignedLong(r.getInt(4)),
                    resolutionUnit);
        }
        return checked(file, new ImageHeader(ImageFormat.TIFF, width, height, bits, samples, microns));
    }

    /**
     * The pixel size from XResolution (pixels per unit, {@code num/den}) and ResolutionUnit (2 inch, 3 cm), or 0. A
     * size above 20 µm is not a microscope's: writers put 72 or 300 dpi there by default, which says nothing.
     */
    static double micronsPerPixel(long num, long den, int unit) {
        if (num == 0 || den == 0 || (unit != 2 && unit != 3)) {
            return 0;
        }
        double pixelsPerUnit = (double) num / den;
        double microns = (unit == 3 ? 10_000.0 : 25_400.0) / pixelsPerUnit;
        return microns > 0 && microns <= 20 ? microns : 0;
    }

    private static int readShortAt(FileChannel ch, long offset, long size, Path file, ByteOrder order)
            throws IOException {
        if (offset + 2 > size) {
            throw new ImageReadException(file, "corrupt TIFF (bits per sample at " + offset + ", outside the file)");
        }
        return readAt(ch, offset, 2).order(order).getShort(0) & 0xffff;
    }

    /** Rejects what {@link ImageLoader} cannot process, so the scan lists it with the reason. */
    private static ImageHeader checked(Path file, ImageHeader h) throws ImageReadException {
        if (h.width() <= 0 || h.height() <= 0) {
            throw new ImageReadException(file, "image has no pixels (" + h.width() + "×" + h.height() + ")");
        }
        if (h.bitDepth() != 8 && h.bitDepth() != 16) {
            throw new ImageReadException(file, "unsupported: bit depth " + h.bitDepth() + " (8 or 16 expected)");
        }
        return h;
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        buf.flip();
        return buf;
    }
}
