package org.clanet.workbench.app.timeline;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.clanet.workbench.app.util.FileKey;
import org.clanet.workbench.app.util.LruCache;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.ImageReadException;

/**
 * Timeline thumbnails: decoded in the background on a bounded executor (newest request first), kept in a
 * bounded LRU cache (by bytes) keyed by path, size and modification time ({@link FileKey}: a file replaced under the
 * same name is decoded again), delivered on the UI executor. A file that cannot be read yields an error
 * thumbnail with the reason; it is cached too, so a corrupt frame is not decoded again and again.
 */
public final class ThumbnailCache {

    /** Decodes a file into a thumbnail no wider/taller than the given size. */
    @FunctionalInterface
    public interface Decoder {
        Thumbnail decode(Path file, int maxSize) throws Exception;
    }

    private final Executor background;
    private final Executor ui;
    private final Decoder decoder;
    private final int maxSize;
    private final LruCache<FileKey, Thumbnail> cache;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Path, java.util.List<Consumer<Thumbnail>>> waiting = new ConcurrentHashMap<>();

    public ThumbnailCache(Executor background, Executor ui, int maxSize, long maxBytes) {
        this(background, ui, maxSize, maxBytes, ThumbnailCache::decodeGray);
    }

    public ThumbnailCache(Executor background, Executor ui, int maxSize, long maxBytes, Decoder decoder) {
        this.background = background;
        this.ui = ui;
        this.maxSize = maxSize;
        this.decoder = decoder;
        this.cache = new LruCache<>(maxBytes, Thumbnail::bytes);
    }

    /** The cached thumbnail, or null (then ask with {@link #request}). */
    public Thumbnail cached(Path file) {
        return cache.get(FileKey.of(file));
    }

    /**
     * Delivers the thumbnail of {@code file} to {@code callback} on the UI executor: at once when cached, else
     * after a background decode. Several requests for the same file share one decode.
     */
    public void request(Path file, Consumer<Thumbnail> callback) {
        Thumbnail t = cache.get(FileKey.of(file));
        if (t != null) {
            callback.accept(t);
            return;
        }
        waiting.computeIfAbsent(file, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(callback);
        if (!inFlight.add(file)) {
            return;
        }
        background.execute(() -> {
            FileKey key = FileKey.of(file); // before the decode: a file replaced meanwhile is decoded again
            Thumbnail result;
            try {
                result = decoder.decode(file, maxSize);
            } catch (ImageReadException e) {
                result = Thumbnail.failed(e.reason());
            } catch (Exception | OutOfMemoryError e) {
                result = Thumbnail.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            cache.put(key, result);
            inFlight.remove(file);
            Thumbnail done = result;
            java.util.List<Consumer<Thumbnail>> callbacks = waiting.remove(file);
            if (callbacks != null) {
                ui.execute(() -> callbacks.forEach(c -> c.accept(done)));
            }
        });
    }

    public int size() {
        return cache.size();
    }

    public long bytes() {
        return cache.weight();
    }

    public void clear() {
        cache.clear();
    }

    /** Pixels a thumbnail's source may hold: bigger files are subsampled while decoding (a 12000×12000 PNG too). */
    static final long SOURCE_PIXELS = 4L << 20;

    /** Loads the gray image (8- or 16-bit alike) and box-averages it down to at most {@code maxSize}. */
    public static Thumbnail decodeGray(Path file, int maxSize) throws ImageReadException {
        GrayImage g = ImageLoader.loadPreview(file, SOURCE_PIXELS).image();
        return fromGray(g, maxSize);
    }

    static Thumbnail fromGray(GrayImage g, int maxSize) {
        double scale = Math.min(1.0, (double) maxSize / Math.max(g.width(), g.height()));
        int w = Math.max(1, (int) Math.round(g.width() * scale));
        int h = Math.max(1, (int) Math.round(g.height() * scale));
        float[] px = g.pixels();
        // auto levels: stretch the 1st..99th percentile so faint 16-bit images are visible
        float[] lh = org.clanet.workbench.app.viewer.DisplayMapping.percentiles(g, 0.01, 0.99);
        float lo = lh[0];
        float range = Math.max(1e-6f, lh[1] - lh[0]);
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * g.height() / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * g.height() / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * g.width() / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * g.width() / w));
                double sum = 0;
                int n = 0;
                for (int yy = y0; yy < y1; yy += Math.max(1, (y1 - y0) / 4)) {
                    int row = yy * g.width();
                    for (int xx = x0; xx < x1; xx += Math.max(1, (x1 - x0) / 4)) {
                        sum += px[row + xx];
                        n++;
                    }
                }
                int v = (int) Math.max(0, Math.min(255, ((sum / n) - lo) / range * 255 + 0.5));
                out[y * w + x] = 0xff000000 | v << 16 | v << 8 | v;
            }
        }
        return new Thumbnail(w, h, out, null);
    }
}
