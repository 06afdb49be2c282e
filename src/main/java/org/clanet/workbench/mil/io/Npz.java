package org.clanet.workbench.mil.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives (plain or compressed) in plain Java: little-endian float32,
 * float64, int32/64, bool and unicode ({@code <U}) arrays, C order. DJL's NDList.decode cannot read string
 * entries, and the class names live in one.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /** Every array of the archive by name (without the {@code .npy} suffix), in file order. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
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
                    throw new IOException(file + ": entry '" + key + "': " + ex.getMessage(), ex);
                }
            }
        } catch (java.util.zip.ZipException ex) {
            throw new IOException(file + " is not a NumPy .npz archive: " + ex.getMessage(), ex);
        }
        if (out.isEmpty()) {
            throw new IOException(file + " holds no .npy arrays (is it a NumPy .npz archive?)");
        }
        return out;
    }

    /** Writes the arrays as an uncompressed {@code .npz} (what {@code np.savez} writes). */
    public static void write(OutputStream os, Map<String, NpyArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(os);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            zip.write(npyBytes(e.getValue()));
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    static NpyArray readNpy(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic.length < 8 || magic[i] != MAGIC[i]) {
                throw new IOException("not a .npy array (bad magic)");
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
        String header = new String(in.readNBytes(headerLen), major >= 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException("unreadable .npy header: " + header.trim());
        }
        if (f.find() && f.group(1).equals("True")) {
            throw new IOException("Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }
        String descr = d.group(1);
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long x : shape) {
            count *= x;
        }
        if (count > Integer.MAX_VALUE / 8) {
            throw new IOException("array too large: " + dims);
        }
        int n = (int) count;
        if (descr.startsWith("<U") || descr.startsWith("|U")) {
            int chars = Integer.parseInt(descr.substring(2));
            ByteBuffer buf = ByteBuffer.wrap(readFully(in, (long) n * chars * 4)).order(ByteOrder.LITTLE_ENDIAN);
            List<String> strings = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < chars; c++) {
                    int cp = buf.getInt();
                    if (cp != 0) {
                        sb.appendCodePoint(cp);
                    }
                }
                strings.add(sb.toString());
            }
            return new NpyArray(shape, null, strings, descr);
        }
        float[] data = new float[n];
        ByteBuffer buf;
        switch (descr) {
            case "<f4" -> {
                buf = ByteBuffer.wrap(readFully(in, 4L * n)).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().get(data);
            }
            case "<f8" -> {
                buf = ByteBuffer.wrap(readFully(in, 8L * n)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    data[i] = (float) buf.getDouble();
                }
            }
            case "<i8" -> {
                buf = ByteBuffer.wrap(readFully(in, 8L * n)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    data[i] = buf.getLong();
                }
            }
            case "<i4" -> {
                buf = ByteBuffer.wrap(readFully(in, 4L * n)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    data[i] = buf.getInt();
                }
            }
            case "|b1", "|u1", "|i1" -> {
                byte[] b = readFully(in, n);
                for (int i = 0; i < n; i++) {
                    data[i] = descr.equals("|i1") ? b[i] : b[i] & 0xff;
                }
            }
            default -> throw new IOException("unsupported dtype " + descr + " (need float32/float64/int/bool/unicode)");
        }
        return new NpyArray(shape, data, null, descr);
    }

    private static byte[] readFully(InputStream in, long bytes) throws IOException {
        byte[] b = in.readNBytes((int) bytes);
        if (b.length != bytes) {
            throw new IOException("truncated array data: " + b.length + " of " + bytes + " bytes");
        }
        return b;
    }

    static byte[] npyBytes(NpyArray a) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < a.shape().length; i++) {
            shape.append(a.shape()[i]).append(a.shape().length == 1 ? "," : (i + 1 < a.shape().length ? ", " : ""));
        }
        shape.append(')');
        byte[] body;
        String descr;
        if (a.numeric()) {
            descr = "<f4";
            ByteBuffer buf = ByteBuffer.allocate(4 * a.data().length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(a.data());
            body = buf.array();
        } else {
            int chars = Math.max(1, a.strings().stream().mapToInt(x -> x.codePointCount(0, x.length())).max()
                    .orElse(1));
            descr = "<U" + chars;
            ByteBuffer buf = ByteBuffer.allocate(4 * chars * a.strings().size()).order(ByteOrder.LITTLE_ENDIAN);
            for (String str : a.strings()) {
                int[] cps = str.codePoints().toArray();
                for (int c = 0; c < chars; c++) {
                    buf.putInt(c < cps.length ? cps[c] : 0);
                }
            }
            body = buf.array();
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + body.length);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8 & 0xff);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
