package org.clanet.workbench.selection;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The published code's output packed by tools/reference/pack_reference.py (src/test/resources/selection). */
final class ReferenceData {

    record Mask(int width, int height, byte[] bits) {
    }

    private ReferenceData() {
    }

    static Map<String, List<List<Double>>> patches() throws IOException {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/selection/reference-patches.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, List<List<Double>>>>() { });
        }
    }

    static Map<String, Mask> masks() throws IOException {
        Map<String, Mask> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(
                ReferenceData.class.getResourceAsStream("/selection/reference-masks.bin.gz")))) {
            while (true) {
                int len;
                try {
                    len = in.readUnsignedShort();
                } catch (java.io.EOFException e) {
                    break;
                }
                byte[] k = in.readNBytes(len);
                int w = in.readInt();
                int h = in.readInt();
                int runs = in.readInt();
                byte[] bits = new byte[w * h];
                int pos = 0;
                for (int r = 0; r < runs; r++) {
                    long v = 0;
                    int shift = 0;
                    int b;
                    do {
                        b = in.readUnsignedByte();
                        v |= (long) (b & 0x7F) << shift;
                        shift += 7;
                    } while ((b & 0x80) != 0);
                    if ((r & 1) == 1) {
                        java.util.Arrays.fill(bits, pos, pos + (int) v, (byte) 1);
                    }
                    pos += (int) v;
                }
                out.put(new String(k, StandardCharsets.UTF_8), new Mask(w, h, bits));
            }
        }
        return out;
    }
}
