package org.clanet.workbench.embedding.io;

import org.clanet.workbench.io.NpyArray;

import org.clanet.workbench.io.Npz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code embed --export OUT.npz} file: {@code features} float32 (rows x dims), {@code paths} NumPy
 * unicode array (frame path relative to the data set, '/' separators), {@code ranks} int32 (patch rank
 * 1..k). Loads with {@code np.load(f)} without pickles.
 */
public final class FeatureExport {

    private FeatureExport() {
    }

    /** One exported row. */
    public record Row(String relativePath, int rank, float[] features) {
    }

    public static void write(Path out, List<Row> rows) throws IOException {
        int n = rows.size();
        int d = n == 0 ? 0 : rows.get(0).features().length;
        float[] f = new float[n * d];
        String[] paths = new String[n];
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            if (r.features().length != d) {
                throw new IllegalArgumentException("row " + i + " has " + r.features().length + " features, expected " + d);
            }
            System.arraycopy(r.features(), 0, f, i * d, d);
            paths[i] = r.relativePath().replace('\\', '/');
            ranks[i] = r.rank();
        }
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("features", NpyArray.ofFloats(f, n, d));
        a.put("paths", NpyArray.ofStrings(paths, n));
        a.put("ranks", NpyArray.ofInts(ranks, n));
        Npz.write(out, a);
    }
}
