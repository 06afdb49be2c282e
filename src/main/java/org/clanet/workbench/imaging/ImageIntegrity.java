package org.clanet.workbench.imaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Checks what the decoders let through silently, before a file is decoded: ImageIO's PNG reader ignores chunk
 * CRCs, and a TIFF whose strips run past the end fails late or decodes partly. Reads PNGs once (CRC32 is cheap next
 * to inflating) and a TIFF's first directory; a cut JPEG, which the JDK fills with grey, is caught by the decoder's
 * warnings ({@link ImageLoader#decode}). Problems are {@code corrupt or truncated image: …}; what is valid but
 * not readable here is {@code unsupported: …}.
 */
final class ImageIntegrity {

    static final String CORRUPT = "corrupt or truncated image: ";
    static final String UNSUPPORTED = "unsupported: ";

    /** TIFF compressions the TwelveMonkeys reader decodes (with the names users see elsewhere). */
    private static final Map<Integer, String> TIFF_COMPRESSIONS = Map.of(
            1, "none", 5, "LZW", 7, "JPEG", 8, "Deflate (Adobe)", 32946, "Deflate", 32773, "PackBits",
            6, "old-style JPEG", 2, "CCITT RLE", 3, "CCITT T.4", 4, "CCITT T.6");
    private static final Map<Integer, String> KNOWN_UNSUPPORTED = Map.of(
            34712, "JPEG 2000", 34887, "LERC", 50000, "Zstandard", 34925, "LZMA", 50001, "WebP",
            34933, "PNG", 34892, "lossy JPEG (DNG)", 9, "JBIG", 10, "JBIG2");

    private ImageIntegrity() {
    }

    static void check(Path file, ImageFormat format) throws ImageReadException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            switch (format) {
                case PNG -> png(file, ch);
                // JPEG: the decoder's warnings say it ("Truncated File - Missing EOI marker"); a look for the end
                // marker near the end would refuse files that carry a trailer after it
                case TIFF -> tiff(file, ch);
                default -> { }
            }
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageReadException(file, "cannot read file: " + e.getMessage(), e);
        }
    }

    /** Every chunk complete with a matching CRC, up to IEND, and at least one IDAT. */
    private static void png(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 8;
        boolean idat = false;
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (true) {
            if (pos + 8 > size) {
                throw new ImageReadException(file, CORRUPT + "PNG ends at byte " + size + " before its IEND chunk"
                        + (idat ? " (image data cut short)" : ""));
            }
            ByteBuffer head = read(ch, pos, 8);
            long length = Integer.toUnsignedLong(head.getInt(0));
            String type = new String(new byte[] {head.get(4), head.get(5), head.get(6), head.get(7)},
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE || pos + 12 + length > size) {
                throw new ImageReadException(file, CORRUPT + "PNG chunk " + printable(type) + " at byte " + pos
                        + " runs past the end of the file (" + size + " bytes)");
            }
            crc.reset();
            crc.update(head.array(), 4, 4);
            long at = pos + 8;
            long left = length;
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf, at);
                if (n <= 0) {
                    throw new ImageReadException(file, CORRUPT + "PNG chunk " + type + " cut short");
                }
                crc.update(buf.array(), 0, n);
                at += n;
                left -= n;
            }
            long stored = Integer.toUnsignedLong(read(ch, at, 4).getInt(0));
            if (stored != crc.getValue()) {
                throw new ImageReadException(file, CORRUPT + "PNG chunk " + printable(type) + " at byte " + pos
                        + " fails its CRC check");
            }
            idat |= type.equals("IDAT");
            if (type.equals("IEND")) {
                break;
            }
            pos = at + 4;
        }
        if (!idat) {
            throw new ImageReadException(file, CORRUPT + "PNG without image data (no IDAT chunk)");
        }
    }

    /**
     * The first directory: a compression the reader knows, integer samples, and every strip or tile inside the
     * file.
     */
    private static void tiff(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = read(ch, 0, 8);
        if (head.limit() < 8) {
            throw new ImageReadException(file, CORRUPT + "TIFF header cut short");
        }
        ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        head.order(order);
        long ifd = Integer.toUnsignedLong(head.getInt(4));
        if (ifd < 8 || ifd + 2 > size) {
            throw new ImageReadException(file, CORRUPT + "TIFF directory offset " + ifd + " outside the file");
        }
        int entries = read(ch, ifd, 2).order(order).getShort(0) & 0xffff;
        ByteBuffer dir = read(ch, ifd + 2, entries * 12).order(order);
        if (dir.limit() < entries * 12) {
            throw new ImageReadException(file, CORRUPT + "TIFF directory cut short");
        }
        Map<Integer, long[]> tags = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            int base = i * 12;
            int tag = dir.getShort(base) & 0xffff;
            if (tag == 259 || tag == 339 || tag == 273 || tag == 279 || tag == 324 || tag == 325 || tag == 317) {
                tags.put(tag, values(file, ch, dir, base, order, size));
            }
        }
        int compression = (int) first(tags.get(259), 1);
        if (!TIFF_COMPRESSIONS.containsKey(compression)) {
            String name = KNOWN_UNSUPPORTED.get(compression);
            throw new ImageReadException(file, UNSUPPORTED + "TIFF compression " + compression
                    + (name == null ? "" : " (" + name + ")"));
        }
        int sampleFormat = (int) first(tags.get(339), 1);
        if (sampleFormat == 3) {
            throw new ImageReadException(file, UNSUPPORTED + "floating-point TIFF samples (8- or 16-bit integers expected)");
        }
        int predictor = (int) first(tags.get(317), 1);
        if (predictor == 3) {
            throw new ImageReadException(file, UNSUPPORTED + "TIFF floating-point predictor");
        }
        boolean tiled = tags.containsKey(324);
        long[] offsets = tags.get(tiled ? 324 : 273);
        long[] counts = tags.get(tiled ? 325 : 279);
        if (offsets == null) {
            throw new ImageReadException(file, CORRUPT + "TIFF without " + (tiled ? "tile" : "strip") + " offsets");
        }
        String unit = tiled ? "tile" : "strip";
        for (int i = 0; i < offsets.length; i++) {
            long end = offsets[i] + (counts != null && i < counts.length ? counts[i] : 0);
            if (offsets[i] >= size || end > size) {
                throw new ImageReadException(file, CORRUPT + "TIFF " + unit + " " + (i + 1) + " of " + offsets.length
                        + " ends at byte " + end + ", past the end of the file (" + size + " bytes)");
            }
        }
    }

    /** The values of a SHORT or LONG entry (inline when they fit in its 4 bytes). */
    private static long[] values(Path file, FileChannel ch, ByteBuffer dir, int base, ByteOrder order, long size)
            throws IOException {
        int type = dir.getShort(base + 2) & 0xffff;
        long count = Integer.toUnsignedLong(dir.getInt(base + 4));
        int width = switch (type) {
            case 3, 8 -> 2;
            case 4, 9, 13 -> 4;
            case 16, 17, 18 -> 8;
            default -> 1;
        };
        if (count > 10_000_000 || count * width > Integer.MAX_VALUE) {
            throw new ImageReadException(file, CORRUPT + "TIFF entry with " + count + " values");
        }
        ByteBuffer data;
        if (count * width <= 4) {
            data = dir.duplicate().order(order);
            data.position(base + 8);
            data = data.slice().order(order);
        } else {
            long at = Integer.toUnsignedLong(dir.getInt(base + 8));
            if (at + count * width > size) {
                throw new ImageReadException(file, CORRUPT + "TIFF entry values at byte " + at + " outside the file");
            }
            data = read(ch, at, (int) (count * width)).order(order);
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (width) {
                case 2 -> data.getShort(i * 2) & 0xffff;
                case 4 -> Integer.toUnsignedLong(data.getInt(i * 4));
                case 8 -> data.getLong(i * 8);
                default -> data.get(i) & 0xff;
            };
        }
        return out;
    }

    private static long first(long[] v, long fallback) {
        return v == null || v.length == 0 ? fallback : v[0];
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "(unnamed)";
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
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
