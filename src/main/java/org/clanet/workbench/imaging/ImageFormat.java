package org.clanet.workbench.imaging;

import java.util.Locale;
import java.util.Optional;

/** The image file formats the workbench reads. */
public enum ImageFormat {
    JPEG, PNG, TIFF;

    /** Format implied by a file name's extension, if it is one we read. */
    public static Optional<ImageFormat> fromFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> Optional.of(JPEG);
            case "png" -> Optional.of(PNG);
            case "tif", "tiff" -> Optional.of(TIFF);
            default -> Optional.empty();
        };
    }
}
