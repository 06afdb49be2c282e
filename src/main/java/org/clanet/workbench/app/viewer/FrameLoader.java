package org.clanet.workbench.app.viewer;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.clanet.workbench.app.util.FileKey;
import org.clanet.workbench.app.util.LruCache;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLimits;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.ImageReadException;

/**
 * Decodes full frames off the FX thread with the latest request winning: a request made while older ones
 * wait makes them no-ops, and a result that arrives after a newer request is dropped. The auto-levels
 * percentiles are computed on the same background thread, next to the decode. Recently decoded frames stay in
 * a small LRU cache bounded by pixel count, keyed by path, size and modification time ({@link FileKey}), so
 * stepping back and forth is instant and a file replaced under the same name is decoded again.
 */
public final class FrameLoader {

    /** Decodes a file to gray floats: {@link ImageLoader#loadGray} in production. */
    @FunctionalInterface
    public interface Decoder {
        GrayImage decode(Path file) throws ImageReadException;
    }

    /** Auto levels: the 0.5th..99.5th percentile of a frame's pixels. */
    public static final double LOW_PERCENTILE = 0.005;
    public static final double HIGH_PERCENTILE = 0.995;

    /**
     * The outcome of a request: an image with its auto-levels range ({@code levels}: low, high), or the reason it
     * could not be read. {@code step} > 1: the image is a preview holding every step-th pixel and row of a file
     * too large to hold whole ({@link ImageLoader#loadPreview}).
     */
    public record Result(Path file, GrayImage image, String error, float[] levels, int step) {

        public Result(Path file, GrayImage image, String error, float[] levels) {
            this(file, image, error, levels, 1);
        }
    }

    /** Decodes a file for display, subsampled when big: {@link ImageLoader#loadPreview} in production. */
    @FunctionalInterface
    interface PreviewDecoder {
        ImageLoader.Preview decode(Path file) throws ImageReadException;
    }

    private record Decoded(GrayImage image, float[] levels, int step) {
    }

    /** Full-resolution pixels of part of a file, at (x, y) in file pixels (the viewer's tile over a preview). */
    public record Region(Path file, int x, int y, GrayImage image) {
    }

    private final AtomicLong regionGeneration = new AtomicLong();

    private final Executor background;
    private final Executor ui;
    private final PreviewDecoder decoder;
    private final LruCache<FileKey, Decoded> cache;
    private final AtomicLong generation = new AtomicLong();

    /** Frames over {@link ImageLimits#PREVIEW_PIXELS} are shown subsampled, so a huge file cannot exhaust memory. */
    public FrameLoader(Executor background, Executor ui, long maxCachedPixels) {
        this(background, ui, maxCachedPixels,
                (PreviewDecoder) file -> ImageLoader.loadPreview(file, ImageLimits.PREVIEW_PIXELS));
    }

    public FrameLoader(Executor background, Executor ui, long maxCachedPixels, Decoder decoder) {
        this(background, ui, maxCachedPixels, (PreviewDecoder) file -> {
            GrayImage g = decoder.decode(file);
            return new ImageLoader.Preview(g, 1, g.width(), g.height());
        });
    }

    /** A loader with its own preview decoding (tests). */
    static FrameLoader previewing(Executor background, Executor ui, long maxCachedPixels, PreviewDecoder decoder) {
        return new FrameLoader(background, ui, maxCachedPixels, decoder);
    }

    private FrameLoader(Executor background, Executor ui, long maxCachedPixels, PreviewDecoder decoder) {
        this.background = background;
        this.ui = ui;
        this.decoder = decoder;
        this.cache = new LruCache<>(maxCachedPixels, d -> (long) d.image().width() * d.image().height());
    }

    /** Loads {@code file}; {@code done} runs on the UI executor unless a newer request came first. */
    public void load(Path file, Consumer<Result> done) {
        long gen = generation.incrementAndGet();
        Decoded hit = cache.get(FileKey.of(file)); // one stat: a replaced file misses
        if (hit != null) {
            ui.execute(() -> {
                if (generation.get() == gen) {
                    done.accept(new Result(file, hit.image(), null, hit.levels(), hit.step()));
                }
            });
            return;
        }
        background.execute(() -> {
            if (generation.get() != gen) {
                return; // superseded before it started
            }
            Result r;
            try {
                FileKey key = FileKey.of(file); // before the decode: a file replaced meanwhile is decoded again
                ImageLoader.Preview p = decoder.decode(file);
                GrayImage g = p.image();
                float[] levels = DisplayMapping.percentiles(g, LOW_PERCENTILE, HIGH_PERCENTILE);
                cache.put(key, new Decoded(g, levels, p.step()));
                r = new Result(file, g, null, levels, p.step());
            } catch (ImageReadException e) {
                r = new Result(file, null, e.reason(), null);
            } catch (RuntimeException | OutOfMemoryError e) {
                r = new Result(file, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                        null);
            }
            Result result = r;
            ui.execute(() -> {
                if (generation.get() == gen) {
                    done.accept(result);
                }
            });
        });
    }

    /**
     * Decodes a rectangle of a file at full resolution; {@code done} runs on the UI executor unless a newer region
     * was asked for first. A file that cannot be read gives nothing (the preview stays).
     */
    public void loadRegion(Path file, int x, int y, int w, int h, Consumer<Region> done) {
        long gen = regionGeneration.incrementAndGet();
        background.execute(() -> {
            if (regionGeneration.get() != gen) {
                return;
            }
            GrayImage g;
            try {
                g = ImageLoader.loadRegion(file, x, y, w, h);
            } catch (ImageReadException | RuntimeException | OutOfMemoryError e) {
                return;
            }
            Region r = new Region(file, Math.max(0, x), Math.max(0, y), g);
            ui.execute(() -> {
                if (regionGeneration.get() == gen) {
                    done.accept(r);
                }
            });
        });
    }

    /** Drops a pending region request. */
    public void cancelRegion() {
        regionGeneration.incrementAndGet();
    }

    /** Drops pending requests (their results will not be delivered). */
    public void cancelPending() {
        generation.incrementAndGet();
    }

    public int cachedFrames() {
        return cache.size();
    }

    public long cachedPixels() {
        return cache.weight();
    }
}
