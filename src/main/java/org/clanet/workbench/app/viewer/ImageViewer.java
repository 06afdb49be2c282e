package org.clanet.workbench.app.viewer;

import java.nio.IntBuffer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.GrayImage;

/**
 * The viewer's view: a Canvas that renders {@link ViewerViewModel}'s state (image through the display
 * mapping, overlay layers, an error tile) and forwards wheel, drag and pointer input to it. No state of its own
 * beyond the rendered buffer.
 */
public final class ImageViewer extends Region {

    private final Canvas canvas = new Canvas();
    private final Label placeholder = new Label("Open a dataset folder (Ctrl+O) or drop one here");
    private ViewerViewModel vm;
    private WritableImage buffer;
    private PixelBuffer<IntBuffer> pixels;
    private int[] argb;
    private GrayImage rendered;
    private WritableImage tileBuffer;
    private GrayImage renderedTile;
    private DisplayMapping renderedTileMapping;
    private DisplayMapping renderedMapping;
    private double dragX;
    private double dragY;
    private boolean drawPending;
    private long drawCount;

    public ImageViewer() {
        getStyleClass().add("image-viewer");
        placeholder.getStyleClass().add("viewer-placeholder");
        getChildren().addAll(canvas, placeholder);
        setFocusTraversable(true);
        setMinSize(100, 100);
    }

    public void bind(ViewerViewModel model) {
        this.vm = model;
        vm.redrawProperty().addListener(o -> scheduleDraw());
        vm.frameProperty().addListener(o -> placeholder.setVisible(vm.frameProperty().get() == null));
        setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                vm.zoomAt(e.getDeltaY() > 0 ? 1.2 : 1 / 1.2, e.getX(), e.getY());
            }
            e.consume();
        });
        setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseDragged(e -> {
            if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.MIDDLE) {
                vm.panBy(e.getX() - dragX, e.getY() - dragY);
                dragX = e.getX();
                dragY = e.getY();
            }
            vm.pointerAt(e.getX(), e.getY());
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                vm.fit();
            }
        });
        setOnMouseMoved(e -> vm.pointerAt(e.getX(), e.getY()));
        setOnMouseExited(e -> vm.pointerExited());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (vm != null) {
                vm.setViewport(w, h);
            }
            scheduleDraw();
        }
        placeholder.resizeRelocate(0, 0, w, h);
    }

    /** Coalesces redraw requests into one draw per pulse. */
    private void scheduleDraw() {
        if (!drawPending) {
            drawPending = true;
            javafx.application.Platform.runLater(() -> {
                drawPending = false;
                draw();
            });
        }
    }

    /** Renders now (benchmarks call this directly). */
    public void draw() {
        drawCount++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#1e1f22"));
        g.fillRect(0, 0, w, h);
        if (vm == null) {
            return;
        }
        Frame frame = vm.shownFrameProperty().get();
        String error = vm.errorProperty().get();
        if (error != null && !error.isEmpty()) {
            drawErrorTile(g, w, h, frame, error);
            return;
        }
        GrayImage img = vm.getImage();
        if (img == null) {
            return;
        }
        DisplayMapping m = vm.mappingProperty().get();
        if (img != rendered || !m.equals(renderedMapping)) {
            updateBuffer(img, m);
        }
        ViewTransform t = vm.getTransform();
        g.setImageSmoothing(t.scale() < 1);
        g.drawImage(buffer, t.tx(), t.ty(), img.width() * t.scale(), img.height() * t.scale());
        FrameLoader.Region tile = vm.tileProperty().get();
        if (tile != null && frame != null && tile.file().equals(frame.path())) {
            // full-resolution pixels over the preview: a preview pixel is step file pixels wide
            double k = t.scale() / vm.previewStep();
            if (tile.image() != renderedTile || !m.equals(renderedTileMapping)) {
                int[] px = m.toArgb(tile.image(), null);
                tileBuffer = new WritableImage(new PixelBuffer<>(tile.image().width(), tile.image().height(),
                        IntBuffer.wrap(px), PixelFormat.getIntArgbPreInstance()));
                renderedTile = tile.image();
                renderedTileMapping = m;
            }
            g.drawImage(tileBuffer, t.tx() + tile.x() * k, t.ty() + tile.y() * k, tile.image().width() * k,
                    tile.image().height() * k);
        }
        // overlays are in the file's pixels; a preview holds every step-th of them
        ViewTransform fileTransform = vm.previewStep() == 1 ? t
                : new ViewTransform(t.scale() / vm.previewStep(), t.tx(), t.ty());
        for (OverlayLayer layer : vm.layers()) {
            if (layer.visibleProperty().get()) {
                g.save();
                try {
                    layer.draw(g, frame, fileTransform);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(ImageViewer.class).warn("overlay {} failed", layer.name(), e);
                } finally {
                    g.restore();
                }
            }
        }
        String notice = vm.noticeProperty().get();
        if (!notice.isEmpty()) {
            g.setFont(Font.font(12));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.setFill(Color.color(0, 0, 0, 0.65));
            g.fillRoundRect(8, 8, Math.min(w - 16, notice.length() * 6.6 + 16), 22, 8, 8);
            g.setFill(Color.web("#ffd88a"));
            g.fillText(notice, 16, 12, w - 32);
        }
    }

    private void updateBuffer(GrayImage img, DisplayMapping m) {
        if (buffer == null || (int) buffer.getWidth() != img.width() || (int) buffer.getHeight() != img.height()) {
            argb = m.toArgb(img, null);
            pixels = new PixelBuffer<>(img.width(), img.height(), IntBuffer.wrap(argb),
                    PixelFormat.getIntArgbPreInstance());
            buffer = new WritableImage(pixels);
        } else {
            m.toArgb(img, argb);
            pixels.updateBuffer(b -> null); // the buffer shares argb: the whole image changed
        }
        rendered = img;
        renderedMapping = m;
    }

    private void drawErrorTile(GraphicsContext g, double w, double h, Frame frame, String error) {
        double tw = Math.min(w - 40, 520);
        double th = 150;
        double x = (w - tw) / 2;
        double y = (h - th) / 2;
        g.setFill(Color.web("#3a1d1d"));
        g.fillRoundRect(x, y, tw, th, 12, 12);
        g.setStroke(Color.web("#e06c6c"));
        g.strokeRoundRect(x, y, tw, th, 12, 12);
        g.setFill(Color.web("#ffb4b4"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font(16));
        g.fillText("Cannot show this image", w / 2, y + 18, tw - 20);
        g.setFont(Font.font(12));
        g.setFill(Color.web("#f0d0d0"));
        g.fillText(frame == null ? "" : frame.relativePath(), w / 2, y + 50, tw - 20);
        g.fillText(wrap(error, 70), w / 2, y + 76, tw - 20);
    }

    static String wrap(String s, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : s.split(" ")) {
            if (col > 0 && col + word.length() > width) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }

    public Canvas canvas() {
        return canvas;
    }

    /** How many times the canvas was drawn (tests, benchmarks). */
    public long drawCount() {
        return drawCount;
    }
}
