package org.clanet.workbench.cli;

/**
 * Pads text to a column width as a terminal shows it: East Asian wide and full-width characters (CJK, Hangul,
 * full-width forms, most emoji) take two cells, combining marks none. {@code %-28s} counts chars, so names in
 * Chinese or Japanese pushed the next columns out of line.
 */
final class TextColumns {

    private TextColumns() {
    }

    /** Terminal cells {@code s} occupies. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += cellWidth(cp);
        }
        return w;
    }

    /** {@code s} followed by spaces up to {@code width} cells (unchanged when already wider). */
    static String padRight(String s, int width) {
        int pad = width - width(s);
        return pad <= 0 ? s : s + " ".repeat(pad);
    }

    static int cellWidth(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    /** The East Asian Wide / Fullwidth ranges of Unicode's EastAsianWidth.txt, coarsely. */
    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) // Hangul Jamo initials
                || (cp >= 0x2E80 && cp <= 0x303E) // CJK radicals, Kangxi, CJK symbols and punctuation
                || (cp >= 0x3041 && cp <= 0x33FF) // Hiragana, Katakana, Bopomofo, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF) // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3) // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F) // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60) // full-width forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) // emoji
                || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B..
    }
}
