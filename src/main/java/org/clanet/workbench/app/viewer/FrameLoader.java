package org.clanet.workbench.app.viewer;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.clanet.workbench.app.util.LruCache;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.ImageReadException;

/**
 * Decodes full frames off the FX thread with the latest request winning: a request made while older ones
 * wait makes them no-ops, and a result that arrives after a newer request is dropped. Recently decoded frames
 * stay in a small LRU cache bounded by pixel count, so stepping back and forth is instant.
 */
public final class FrameLoader {

    /** Decodes a file to gray floats: {@link ImageLoader#loadGray} in production. */
    @FunctionalInterface
    public interface Decoder {
        GrayImage decode(Path file) throws ImageReadException;
    }

    /** The outcome of a request: an image, or the reason it could not be read. */
    public record Result(Path file, GrayImage image, String error) {
    }

    private final Executor background;
    private final Executor ui;
    private final Decoder decoder;
    private final LruCache<Path, GrayImage> cache;
    private final AtomicLong generation = new AtomicLong();

    public FrameLoader(Executor background, Executor ui, long maxCachedPixels) {
        this(background, ui, maxCachedPixels, ImageLoader::loadGray);
    }

    public FrameLoader(Executor background, Executor ui, long maxCachedPixels, Decoder decoder) {
        this.background = background;
        this.ui = ui;
        this.decoder = decoder;
        this.cache = new LruCache<>(maxCachedPixels, g -> (long) g.width() * g.height());
    }

    /** Loads {@code file}; {@code done} runs on the UI executor unless a newer request came first. */
    public void load(Path file, Consumer<Result> done) {
        long gen = generation.incrementAndGet();
        GrayImage hit = cache.get(file);
        if (hit != null) {
            ui.execute(() -> {
                if (generation.get() == gen) {
                    done.accept(new Result(file, hit, null));
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
                GrayImage g = decoder.decode(file);
                cache.put(file, g);
                r = new Result(file, g, null);
            } catch (ImageReadException e) {
                r = new Result(file, null, e.reason());
            } catch (RuntimeException | OutOfMemoryError e) {
                r = new Result(file, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            Result result = r;
            ui.execute(() -> {
                if (generation.get() == gen) {
                    done.accept(result);
                }
            });
        });
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
