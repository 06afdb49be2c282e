package org.clanet.workbench.dataset;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Incucyte-style file names ({@code VID1709_G7_1_02d12h00m.jpg}, LIVECell's
 * {@code A172_Phase_C7_1_00d04h00m_2.tif}) by the rules of METHOD.md §0: the timepoint token anywhere in the
 * name, the sequence = the name without it, the well token for display.
 */
public final class ImageNameParser {

    /** The timepoint token, e.g. 02d12h00m; more than two day digits are allowed. */
    public static final Pattern TIMEPOINT = Pattern.compile("(\\d{2,})d(\\d{2})h(\\d{2})m");
    private static final Pattern WELL = Pattern.compile("[A-P]\\d{1,2}");

    private ImageNameParser() {
    }

    /** Empty when the name has no timepoint token (such a file cannot be placed in a time series). */
    public static Optional<ParsedName> parse(String fileName) {
        String stem = stripExtension(fileName);
        Matcher m = TIMEPOINT.matcher(stem);
        // A name with several tokens keeps the last one: it is the one the imager appends.
        int start = -1;
        int end = -1;
        String[] groups = null;
        while (m.find()) {
            start = m.start();
            end = m.end();
            groups = new String[] {m.group(1), m.group(2), m.group(3)};
        }
        if (groups == null) {
            return Optional.empty();
        }
        Timepoint t;
        try {
            t = new Timepoint(Integer.parseInt(groups[0]), Integer.parseInt(groups[1]), Integer.parseInt(groups[2]));
        } catch (NumberFormatException e) {
            return Optional.empty(); // absurdly many day digits
        }
        String key = stem.substring(0, start) + "*" + stem.substring(end);
        return Optional.of(new ParsedName(fileName, key, t, wellToken(stem.substring(0, start))));
    }

    /** The last {@code _}-separated field before the time that looks like a well (G7, B10). */
    static Optional<String> wellToken(String beforeTime) {
        String[] fields = beforeTime.split("[_\\-\\s]+");
        for (int i = fields.length - 1; i >= 0; i--) {
            if (WELL.matcher(fields[i]).matches()) {
                return Optional.of(fields[i]);
            }
        }
        return Optional.empty();
    }

    static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
