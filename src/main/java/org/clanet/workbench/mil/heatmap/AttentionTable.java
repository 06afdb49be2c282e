package org.clanet.workbench.mil.heatmap;

import java.util.List;
import java.util.Locale;

/**
 * The attention table as CSV: one row per patch of every frame, frames in time order, patches by rank. Columns
 * {@code sequence,frame,rank,x,y,w,h,confluency,attention}; rank is 1-based as shown in the workbench; attention
 * printed with 9 significant digits (float precision of the model's output).
 */
public final class AttentionTable {

    public static final String HEADER = "sequence,frame,rank,x,y,w,h,confluency,attention";

    private AttentionTable() {
    }

    public static String csv(String sequence, List<FrameAttention> frames) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (FrameAttention f : frames) {
            List<PatchAttention> ps = f.patches().stream()
                    .sorted(java.util.Comparator.comparingInt(PatchAttention::rank)).toList();
            for (PatchAttention p : ps) {
                sb.append(quote(sequence)).append(',').append(quote(f.name())).append(',')
                        .append(p.rank() + 1).append(',').append(p.x()).append(',').append(p.y()).append(',')
                        .append(p.w()).append(',').append(p.h()).append(',')
                        .append(String.format(Locale.ROOT, "%.4f", p.confluency())).append(',')
                        .append(String.format(Locale.ROOT, "%.9g", p.attention())).append('\n');
            }
        }
        return sb.toString();
    }

    /** RFC 4180 quoting when the field has a comma, quote or line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
