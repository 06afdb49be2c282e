package org.clanet.workbench.dataset;

import java.util.Comparator;

/** Orders names as people do: B2 before B10, batch_2 before batch_10. */
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                // Compare the digit runs by value without parsing (they may be long): skip leading zeros,
                // then the longer run is larger, else the first differing digit decides.
                while (si < i - 1 && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < j - 1 && b.charAt(sj) == '0') {
                    sj++;
                }
                int c = Integer.compare(i - si, j - sj);
                for (int k = 0; c == 0 && k < i - si; k++) {
                    c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                }
                if (c != 0) {
                    return c;
                }
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
