package org.clanet.workbench.app.navigator;

/**
 * A small status icon next to a sequence in the navigator, e.g. "masks computed".
 *
 * @param iconCode   an Ikonli Material Design 2 icon literal, e.g. {@code mdi2d-domino-mask}
 * @param tooltip    what it means, in words
 * @param styleClass CSS class for its colour (e.g. {@code badge-ok}, {@code badge-warn}); may be empty
 */
public record Badge(String iconCode, String tooltip, String styleClass) {

    public Badge(String iconCode, String tooltip) {
        this(iconCode, tooltip, "");
    }
}
