package org.clanet.workbench.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.clanet.workbench.app.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailCacheTest {

    @TempDir
    Path tmp;

    @Test
    void decodesDownscalesAndCaches() throws Exception {
        Path f = tmp.resolve(TestDatasets.name(1, "G7", 0));
        TestDatasets.writeFrame(f, 400, 300, 10);
        ThumbnailCache cache = new ThumbnailCache(Runnable::run, Runnable::run, 96, 1 << 20);
        List<Thumbnail> got = new ArrayList<>();
        cache.request(f, got::add);
        assertEquals(1, got.size());
        Thumbnail t = got.get(0);
        assertFalse(t.isError());
        assertEquals(96, t.width());
        assertEquals(72, t.height());
        // the ramp survives auto levels: left dark, right bright
        assertTrue((t.argb()[0] & 0xff) < (t.argb()[95] & 0xff));
        assertSame(t, cache.cached(f));
        cache.request(f, got::add);
        assertSame(t, got.get(1));
    }

    @Test
    void aReplacedFileIsDecodedAgain() throws Exception {
        Path f = tmp.resolve(TestDatasets.name(1, "G7", 0));
        TestDatasets.writeFrame(f, 400, 300, 10);
        ThumbnailCache cache = new ThumbnailCache(Runnable::run, Runnable::run, 96, 1 << 20);
        List<Thumbnail> got = new ArrayList<>();
        cache.request(f, got::add);
        assertEquals(72, got.get(0).height());
        TestDatasets.writeFrame(f, 400, 200, 10); // re-exported under the same name
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        assertNull(cache.cached(f), "the old thumbnail is not the new file's");
        cache.request(f, got::add);
        assertEquals(48, got.get(1).height());
    }

    @Test
    void corruptFileGivesAnErrorThumbnailWithTheReason() throws Exception {
        Path f = tmp.resolve("VID1_G7_1_00d00h00m.png");
        Files.writeString(f, "garbage");
        ThumbnailCache cache = new ThumbnailCache(Runnable::run, Runnable::run, 96, 1 << 20);
        List<Thumbnail> got = new ArrayList<>();
        cache.request(f, got::add);
        assertTrue(got.get(0).isError());
        assertTrue(got.get(0).error().contains("not a valid PNG file"), got.get(0).error()); // from its header
        assertNotNull(cache.cached(f)); // not decoded again
    }

    @Test
    void concurrentRequestsShareOneDecodeAndMemoryIsBounded() {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        AtomicInteger decodes = new AtomicInteger();
        ThumbnailCache cache = new ThumbnailCache(queue::add, Runnable::run, 96, 10 * (64 + 96 * 72 * 4L),
                (file, max) -> {
                    decodes.incrementAndGet();
                    return new Thumbnail(96, 72, new int[96 * 72], null);
                });
        List<Thumbnail> got = new ArrayList<>();
        cache.request(Path.of("a.png"), got::add);
        cache.request(Path.of("a.png"), got::add);
        assertEquals(1, queue.size());
        queue.poll().run();
        assertEquals(2, got.size());
        assertEquals(1, decodes.get());
        for (int i = 0; i < 200; i++) {
            cache.request(Path.of(i + ".png"), t -> { });
            queue.poll().run();
        }
        assertEquals(10, cache.size());
        assertTrue(cache.bytes() <= 10 * (64 + 96 * 72 * 4L));
    }
}
