package org.clanet.workbench.app.selection;

import org.clanet.workbench.app.RealWindowTest;
import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.clanet.workbench.app.viewer.ImageViewer;
import org.clanet.workbench.app.viewer.OverlayLayer;
import org.clanet.workbench.app.viewer.ViewTransform;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Issue 9, point 14: "while playing, overlays vanish on the last frame and return on pause". Plays a sequence of the
 * bundled sample data in the real window (headless Monocle) and checks, at every draw of the viewer, that the
 * selection result the mask and patch layers draw belongs to the image on screen whenever that frame's result is
 * known: the layers draw only a result of the frame shown, so a result that has moved on to the next frame while its
 * image is still decoding leaves the image on screen bare.
 */
class PlaybackOverlaysWindowTest extends RealWindowTest {

    /** What one draw of the viewer saw: the frame on screen and whether the layers had its result to draw. */
    private record DrawSeen(int shownIndex, boolean resultOfShownFrame, boolean shownFrameKnown, boolean maskTinted) {
    }

    /** A layer drawn after the mask and patch layers that records, per draw, what those layers were given. */
    private final class DrawRecorder implements OverlayLayer {
        private final BooleanProperty visible = new SimpleBooleanProperty(true);
        private final Sequence sequence;
        final List<DrawSeen> seen = new ArrayList<>();
        boolean recording;

        DrawRecorder(Sequence sequence) {
            this.sequence = sequence;
        }

        @Override
        public String name() {
            return "test: draw recorder";
        }

        @Override
        public BooleanProperty visibleProperty() {
            return visible;
        }

        @Override
        public void draw(GraphicsContext g, Frame frame, ViewTransform view) {
            if (!recording || frame == null) {
                return;
            }
            SelectionViewModel sel = vm.selection();
            FrameSelection r = sel.getResult();
            seen.add(new DrawSeen(sequence.frames().indexOf(frame), r != null && r.frame().equals(frame),
                    sel.service().cached(frame, sel.getParameters()) != null,
                    r != null && r.frame().equals(frame) && sel.maskLayer().tintReady(r)));
        }
    }

    /** Canvas pixels (every 4th) in the default mask tint: clearly more blue than red. */
    private int maskTintedPixels(FxRobot robot) throws Exception {
        ImageViewer viewer = robot.lookup(".image-viewer").queryAs(ImageViewer.class);
        return onFx(() -> {
            WritableImage snap = viewer.canvas().snapshot(null, null);
            PixelReader pr = snap.getPixelReader();
            int n = 0;
            for (int y = 0; y < (int) snap.getHeight(); y += 4) {
                for (int x = 0; x < (int) snap.getWidth(); x += 4) {
                    int argb = pr.getArgb(x, y);
                    if ((argb & 0xff) - (argb >> 16 & 0xff) > 40) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    private boolean settledOn(Frame f) {
        SelectionViewModel sel = vm.selection();
        FrameSelection r = sel.getResult();
        return vm.viewer().shownFrameProperty().get() == f && r != null && r.frame().equals(f)
                && !sel.busyProperty().get() && sel.maskLayer().tintReady(r);
    }

    @Test
    void overlaysStayWithTheImageOnScreenWhilePlayingThroughTheLastFrame(FxRobot robot) throws Exception {
        Path src = SharedData.sampleData().resolve("SynSpread/batch_3");
        assumeTrue(Files.isDirectory(src), "sample-data/ is not in this checkout");
        Path dst = tmp.resolve("ds/SynSpread/batch_3");
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) { // one sequence (8 frames) of the bundled sample data
            for (Path p : files.filter(p -> p.getFileName().toString().contains("_F8_")).toList()) {
                Files.copy(p, dst.resolve(p.getFileName()));
            }
        }
        onFx(() -> vm.open(tmp.resolve("ds")));
        await(10, () -> vm.navigator().getSelected() != null);
        Sequence seq = vm.navigator().getSelected();
        assertEquals(8, seq.size());
        int last = seq.size() - 1;

        // step through the frames as playback does; every frame, the last one included, gets its mask on the canvas
        for (int i = 0; i <= last; i++) {
            int index = i;
            onFx(() -> vm.timeline().indexProperty().set(index));
            await(20, () -> settledOn(seq.frames().get(index)));
            await(5, () -> {
                try {
                    return maskTintedPixels(robot) > 500;
                } catch (Exception e) {
                    return false;
                }
            });
        }

        // play two loops (every result is cached now), recording what each draw of the viewer was given
        DrawRecorder recorder = new DrawRecorder(seq);
        onFx(() -> {
            vm.viewer().layers().add(recorder);
            vm.timeline().indexProperty().set(0);
            vm.timeline().fpsProperty().set(8);
            vm.timeline().loopProperty().set(true);
        });
        await(10, () -> settledOn(seq.frames().get(0)));
        onFx(() -> recorder.recording = true);
        robot.clickOn(robot.lookup(".image-viewer").queryAs(ImageViewer.class));
        robot.type(KeyCode.SPACE);
        await(5, () -> vm.timeline().playingProperty().get());
        int[] wraps = {0};
        onFx(() -> vm.timeline().indexProperty().addListener((o, a, v) -> {
            if (v.intValue() == 0 && a.intValue() == last) {
                wraps[0]++;
            }
        }));
        await(30, () -> wraps[0] >= 2);
        robot.type(KeyCode.SPACE);
        await(5, () -> !vm.timeline().playingProperty().get());
        List<DrawSeen> seen = onFx(() -> {
            recorder.recording = false;
            return List.copyOf(recorder.seen);
        });

        System.out.printf("playback draws: %d, without the shown frame's result: %d, result but mask tint pending: %d%n",
                seen.size(), seen.stream().filter(d -> !d.resultOfShownFrame()).count(),
                seen.stream().filter(d -> d.resultOfShownFrame() && !d.maskTinted()).count());
        assertTrue(seen.stream().anyMatch(d -> d.shownIndex() == last), "the last frame was drawn while playing");
        List<DrawSeen> bare = seen.stream().filter(d -> d.shownFrameKnown() && !d.resultOfShownFrame()).toList();
        assertTrue(bare.isEmpty(), bare.size() + " of " + seen.size() + " draws while playing left the image on "
                + "screen without its (known) overlays, " + bare.stream().filter(d -> d.shownIndex() == last).count()
                + " of them the last frame; first: " + bare.stream().limit(5).toList());

        // every frame was tinted while stepping through: the mask is there on each frame's first draw, not one
        // background trip later
        List<DrawSeen> maskPending = seen.stream().filter(d -> d.resultOfShownFrame() && !d.maskTinted()).toList();
        assertTrue(maskPending.isEmpty(), maskPending.size() + " of " + seen.size()
                + " draws while playing had the patches but not yet the mask; first: " + maskPending.stream().limit(5).toList());

        // paused: the frame on screen has its overlays
        Frame now = onFx(() -> vm.viewer().shownFrameProperty().get());
        await(10, () -> settledOn(now));
        await(5, () -> {
            try {
                return maskTintedPixels(robot) > 500;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
