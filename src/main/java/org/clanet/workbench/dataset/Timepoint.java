package org.clanet.workbench.dataset;

/**
 * Time since seeding, as the Incucyte writes it in file names ({@code 02d12h00m}).
 */
public record Timepoint(int days, int hours, int minutes) implements Comparable<Timepoint> {

    public Timepoint {
        if (days < 0 || hours < 0 || minutes < 0) {
            throw new IllegalArgumentException("negative time " + days + "d" + hours + "h" + minutes + "m");
        }
    }

    public static Timepoint ofMinutes(long totalMinutes) {
        return new Timepoint((int) (totalMinutes / 1440), (int) (totalMinutes % 1440 / 60), (int) (totalMinutes % 60));
    }

    /** Exact time in minutes, for display and ordering. */
    public long totalMinutes() {
        return days * 1440L + hours * 60L + minutes;
    }

    /** Exact time in hours. */
    public double exactHours() {
        return totalMinutes() / 60.0;
    }

    /** Hours as the published sampling code counts them: days*24 + hours + ceil(minutes/60). */
    public int samplingHours() {
        return days * 24 + hours + (minutes + 59) / 60;
    }

    /** The token as it appears in names, e.g. {@code 02d12h00m}. */
    public String token() {
        return String.format("%02dd%02dh%02dm", days, hours, minutes);
    }

    /** Short human label, e.g. "2d 12h" or "0d 4h 30m". */
    public String label() {
        long h = hours;
        return minutes == 0 ? days + "d " + h + "h" : days + "d " + h + "h " + minutes + "m";
    }

    @Override
    public int compareTo(Timepoint o) {
        return Long.compare(totalMinutes(), o.totalMinutes());
    }

    @Override
    public String toString() {
        return token();
    }
}
