package org.clanet.workbench.dataset.synthetic;

/** Incucyte-style name pieces. */
public final class SyntheticNames {

    private SyntheticNames() {
    }

    /** {@code 02d12h00m} for 3600 minutes: days (at least two digits), hours, minutes since seeding. */
    public static String timeToken(int minutesSinceSeeding) {
        if (minutesSinceSeeding < 0) {
            throw new IllegalArgumentException("negative time: " + minutesSinceSeeding);
        }
        int days = minutesSinceSeeding / (24 * 60);
        int hours = minutesSinceSeeding / 60 % 24;
        int minutes = minutesSinceSeeding % 60;
        return String.format(java.util.Locale.ROOT, "%02dd%02dh%02dm", days, hours, minutes);
    }

    /** Well token for index 0..95: A1..A12, B1..H12. */
    public static String well(int index) {
        if (index < 0 || index >= 96) {
            throw new IllegalArgumentException("well index out of range: " + index);
        }
        return (char) ('A' + index / 12) + Integer.toString(index % 12 + 1);
    }
}
