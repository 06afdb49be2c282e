package org.clanet.workbench.dataset.synthetic;

/**
 * The batch effects of one synthetic experiment (one flask seeded on one occasion and imaged on one schedule).
 *
 * @param index            1-based batch number, the {@code batch_<index>} folder
 * @param experimentId     number after {@code VID} in the file names
 * @param firstMinutes     time of the first image after seeding, minutes
 * @param intervalMinutes  imaging interval, minutes (120..360)
 * @param brightness       mean background gray level of the illumination
 * @param contrast         gain of the phase signal (1 = nominal)
 * @param gradient         relative illumination change from one side of the image to the other
 * @param gradientAngle    direction of the gradient, degrees
 * @param vignetting       relative darkening at the corners
 * @param focusBlur        Gaussian sigma of the defocus blur, pixels
 * @param noise            sensor noise sd, gray levels
 * @param seedingFactor    multiplier on the line's seeding density
 * @param debrisFactor     multiplier on the amount of debris
 */
public record BatchConditions(int index, int experimentId, int firstMinutes, int intervalMinutes,
                              double brightness, double contrast, double gradient, double gradientAngle,
                              double vignetting, double focusBlur, double noise, double seedingFactor,
                              double debrisFactor) {

    /** Time since seeding of image {@code k} (0-based), minutes. */
    public int minutesAt(int k) {
        return firstMinutes + k * intervalMinutes;
    }

    public double intervalHours() {
        return intervalMinutes / 60.0;
    }
}
