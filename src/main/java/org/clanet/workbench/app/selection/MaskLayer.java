package org.clanet.workbench.app.selection;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.clanet.workbench.app.util.LruCache;
import org.clanet.workbench.app.viewer.NamedOverlayLayer;
import org.clanet.workbench.app.viewer.OverlayLayer;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.clanet.workbench.dataset.Frame;

/**
 * The CLANet cell mask of the frame shown, tinted with {@link OverlaySettings#maskColorProperty()} at
 * {@link OverlaySettings#maskOpacityProperty()}. Draws only a result that belongs to the frame on screen. The tinted
 * pixels (about 1.2 M for an Incucyte frame) are prepared off the FX thread: next to the selection when a result
 * arrives ({@link #tint}, {@link #offer}), else on the background executor when the result or the colour changed;
 * the FX thread only copies them into an image and draws it. Until the new tint is ready, the frame's mask in its
 * previous colour is drawn (or none for a new frame). Recent tints are kept (bounded), so a frame shown again
 * (playback, stepping back) has its mask on its first draw instead of after a trip through the background executor.
 */
public final class MaskLayer extends NamedOverlayLayer {

    /** A result's mask tinted with an opaque ARGB colour: pixels ready for the image. */
    record Tint(FrameSelection result, int argb, int[] pixels) {
    }

    /** A tint's identity: the result object itself (a recomputed result is another mask) and the colour. */
    private record TintKey(FrameSelection result, int argb) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TintKey k && k.result == result && k.argb == argb;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(result) * 31 + argb;
        }
    }

    /** Bytes of recent tints kept: a few dozen LIVECell-sized frames, eight 1408x1040 Incucyte ones. */
    static final long KEPT_TINT_BYTES = 48L << 20;

    private final OverlaySettings settings;
    private final Supplier<FrameSelection> current;
    private final Executor background;
    private final Executor ui;
    private final Runnable redraw;
    private Tint ready;
    private Tint pending; // pixels null: the (result, colour) being tinted in the background
    private Tint drawn;
    private WritableImage image;
    private boolean drawing;
    private final LruCache<TintKey, Tint> kept =
            new LruCache<>(KEPT_TINT_BYTES, t -> 4L * t.pixels().length + t.result().mask().length + 64);

    MaskLayer(OverlaySettings settings, Supplier<FrameSelection> current, Executor background, Executor ui,
              Runnable redraw) {
        super("Cell mask (CLANet)", settings.maskVisibleProperty());
        this.settings = settings;
        this.current = current;
        this.background = background;
        this.ui = ui;
        this.redraw = redraw;
    }



    /** The result's mask tinted with the colour (any thread); null when it has no mask. */
    static Tint tint(FrameSelection r, int argb) {
        return r == null || !r.hasMask() ? null : new Tint(r, argb, tintArgb(r.mask(), argb));
    }

    /** The colour masks are tinted with now (FX thread). */
    int argb() {
        return OverlaySettings.opaqueArgb(settings.maskColorProperty().get());
    }

    /** Takes a tint prepared in the background (FX thread). */
    void offer(Tint t) {
        if (t != null) {
            ready = t;
            kept.put(new TintKey(t.result(), t.argb()), t);
        }
    }

    /** Whether the tint of this result in the current colour is ready (tests). */
    boolean tintReady(FrameSelection r) {
        return ready != null && ready.result() == r && ready.argb() == argb();
    }

    @Override
    public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
        FrameSelection r = current.get();
        if (r == null || frame == null || !r.frame().equals(frame) || !r.hasMask()) {
            return;
        }
        int argb = argb();
        Tint t = ready;
        if (t == null || t.result() != r || t.argb() != argb) {
            t = kept.get(new TintKey(r, argb));
            if (t != null) {
                ready = t;
            }
        }
        if (t == null || t.result() != r || t.argb() != argb) {
            drawing = true;
            try {
                prepare(r, argb);
            } finally {
                drawing = false;
            }
            t = ready; // a synchronous executor (tests) has it already
        }
        if (t == null || t.result() != r) {
            return; // this frame's mask is being tinted
        }
        if (t != drawn || image == null) {
            image = toImage(t, image);
            drawn = t;
        }
        OverlayLayer.imageSpace(g, view);
        g.setImageSmoothing(false);
        g.setGlobalAlpha(settings.maskOpacityProperty().get());
        g.drawImage(image, 0, 0, r.maskWidth() * r.scaleX(), r.maskHeight() * r.scaleY());
    }

    private void prepare(FrameSelection r, int argb) {
        if (pending != null && pending.result() == r && pending.argb() == argb) {
            return;
        }
        Tint key = new Tint(r, argb, null);
        pending = key;
        background.execute(() -> {
            Tint t = tint(r, argb);
            ui.execute(() -> {
                if (pending == key) {
                    pending = null;
                }
                offer(t);
                if (!drawing) {
                    redraw.run();
                }
            });
        });
    }

    private static WritableImage toImage(Tint t, WritableImage reuse) {
        int w = t.result().maskWidth();
        int h = t.result().maskHeight();
        WritableImage img = reuse != null && (int) reuse.getWidth() == w && (int) reuse.getHeight() == h
                ? reuse : new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), t.pixels(), 0, w);
        return img;
    }

    /** Mask pixels in {@code argb}, the rest transparent. */
    static int[] tintArgb(byte[] mask, int argb) {
        int[] out = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] != 0 ? argb : 0;
        }
        return out;
    }
}
