package org.clanet.workbench.app.timeline;

/**
 * A decoded thumbnail as plain pixels (so decoding and caching need no FX toolkit), or the reason the frame
 * could not be read.
 *
 * @param argb  width*height ARGB pixels, or null for an error tile
 * @param error why the image could not be read, or null
 */
public record Thumbnail(int width, int height, int[] argb, String error) {

    public static Thumbnail failed(String reason) {
        return new Thumbnail(0, 0, null, reason);
    }

    public boolean isError() {
        return error != null;
    }

    /** Bytes held, for the cache's bound. */
    public long bytes() {
        return 64L + (argb == null ? (error == null ? 0 : error.length() * 2L) : argb.length * 4L);
    }
}
