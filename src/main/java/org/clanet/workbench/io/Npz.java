package org.clanet.workbench.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives (a zip of {@code .npy} entries) in plain Java, so encoder
 * weights, checkpoints and exports need no engine and errors can name the file and the entry.
 * Written files load with {@code np.load(f)} without pickles; unicode arrays are written as {@code <U}
 * (UTF-32 little-endian), which DJL's own npz writer cannot do.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /** All arrays, in archive order, keyed by name without the {@code .npy} suffix. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such .npz file");
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    continue;
                }
                String key = name.substring(0, name.length() - 4);
                try {
                    out.put(key, readNpy(zip));
                } catch (IOException | RuntimeException ex) {
                    throw new IOException(file + ": entry '" + key + "' is not a readable .npy array: " + ex.getMessage(), ex);
                }
            }
        } catch (ZipException ex) {
            throw new IOException(file + " is not a valid .npz (zip) file: " + ex.getMessage(), ex);
        }
        if (out.isEmpty()) {
            throw new IOException(file + " is not a .npz file with arrays (no .npy entries found; corrupt or wrong format)");
        }
        return out;
    }

    /** Writes {@code arrays} atomically (temp file + rename), uncompressed like {@code np.savez}. */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays));
    }

    public static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(0);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            writeNpy(zip, e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    static NpyArray readNpy(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new IOException("truncated header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException("bad magic (not a .npy entry)");
            }
        }
        int major = magic[6];
        int headerLen;
        if (major == 1) {
            byte[] b = in.readNBytes(2);
            headerLen = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        } else {
            byte[] b = in.readNBytes(4);
            headerLen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        String header = new String(in.readNBytes(headerLen), major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException("unreadable header: " + header.strip());
        }
        boolean fortran = f.find() && f.group(1).equals("True");
        String descr = d.group(1);
        List<Long> dims = new ArrayList<>();
        for (String t : s.group(1).split(",")) {
            if (!t.isBlank()) {
                dims.add(Long.parseLong(t.strip()));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = NpyArray.size(shape);
        if (n > Integer.MAX_VALUE / 2) {
            throw new IOException("array too large: " + n + " values");
        }
        char order = descr.charAt(0);
        String kind = descr.substring(1);
        ByteOrder bo = order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (kind.startsWith("U")) {
            int chars = Integer.parseInt(kind.substring(1));
            ByteBuffer bb = ByteBuffer.wrap(readFully(in, n * chars * 4)).order(bo);
            String[] strings = new String[(int) n];
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < chars; c++) {
                    int cp = bb.getInt();
                    if (cp != 0) {
                        sb.appendCodePoint(cp);
                    }
                }
                strings[i] = sb.toString();
            }
            return new NpyArray(descr, fortran ? reverse(shape) : shape, null, strings);
        }
        int width = switch (kind) {
            case "f2", "i2", "u2" -> 2;
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8", "u8" -> 8;
            case "b1", "i1", "u1" -> 1;
            default -> throw new IOException("unsupported dtype '" + descr + "' (need float, int, uint, bool or unicode)");
        };
        ByteBuffer bb = ByteBuffer.wrap(readFully(in, n * width)).order(bo);
        float[] data = new float[(int) n];
        for (int i = 0; i < n; i++) {
            data[i] = switch (kind) {
                case "f2" -> halfToFloat(bb.getShort());
                case "f4" -> bb.getFloat();
                case "f8" -> (float) bb.getDouble();
                case "i1" -> bb.get();
                case "u1", "b1" -> bb.get() & 0xff;
                case "i2" -> bb.getShort();
                case "u2" -> bb.getShort() & 0xffff;
                case "i4" -> bb.getInt();
                case "u4" -> bb.getInt() & 0xffffffffL;
                case "i8", "u8" -> bb.getLong();
                default -> throw new IllegalStateException(kind);
            };
        }
        if (fortran && shape.length > 1) {
            data = fortranToC(data, shape);
        }
        return new NpyArray(descr, shape, data, null);
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived only in Java 20). */
    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static byte[] readFully(InputStream in, long bytes) throws IOException {
        byte[] b = in.readNBytes((int) bytes);
        if (b.length != bytes) {
            throw new IOException("truncated data: expected " + bytes + " bytes, found " + b.length);
        }
        return b;
    }

    private static long[] reverse(long[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[s.length - 1 - i];
        }
        return r;
    }

    private static float[] fortranToC(float[] data, long[] shape) {
        int rank = shape.length;
        float[] out = new float[data.length];
        int[] idx = new int[rank];
        for (int c = 0; c < data.length; c++) {
            // c walks C order; compute the Fortran offset of the same index
            long off = 0;
            long stride = 1;
            for (int k = 0; k < rank; k++) {
                off += idx[k] * stride;
                stride *= shape[k];
            }
            out[c] = data[(int) off];
            for (int k = rank - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }

    static void writeNpy(OutputStream out, NpyArray a) throws IOException {
        String descr = a.isUnicode() ? a.dtype() : switch (a.dtype().substring(1)) {
            case "i4", "i8", "i2", "i1", "u1", "b1" -> "<i4";
            default -> "<f4";
        };
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + a.shapeText() + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(MAGIC);
        head.write(1);
        head.write(0);
        int len = header.length();
        head.write(len & 0xff);
        head.write(len >> 8 & 0xff);
        head.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toByteArray());
        if (a.isUnicode()) {
            int chars = Integer.parseInt(descr.substring(2));
            ByteBuffer bb = ByteBuffer.allocate(a.strings().length * chars * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (String s : a.strings()) {
                int[] cps = s.codePoints().toArray();
                for (int c = 0; c < chars; c++) {
                    bb.putInt(c < cps.length ? cps[c] : 0);
                }
            }
            out.write(bb.array());
            return;
        }
        float[] d = a.data();
        ByteBuffer bb = ByteBuffer.allocate(d.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        if (descr.equals("<i4")) {
            for (float v : d) {
                bb.putInt((int) v);
            }
        } else {
            for (float v : d) {
                bb.putFloat(v);
            }
        }
        out.write(bb.array());
    }
}
