package org.clanet.workbench.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetGeneratorTest {

    /** LINE/batch_k/VID<expt>_<well>_1_<DD>d<HH>h<MM>m.jpg */
    static final Pattern PATH = Pattern.compile(
            "([A-Za-z0-9]+)/batch_(\\d+)/VID(\\d+)_([A-P]\\d{1,2})_1_((\\d{2,})d(\\d{2})h(\\d{2})m)\\.jpg");

    /** Small but complete: the default counts at a small image size. */
    static final SyntheticSettings SMALL = SyntheticSettings.defaults().withSize(160, 120);

    @TempDir
    static Path shared;

    static Path smallRun;
    static GenerationResult smallResult;

    @BeforeAll
    static void generateSmall() throws IOException {
        smallRun = shared.resolve("small");
        smallResult = new SyntheticDatasetGenerator(SMALL).generate(smallRun, false, 2, ProgressListener.NONE,
                Cancellation.none());
    }

    static List<String> images(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(SyntheticDatasetGenerator.MANIFEST))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void writesTheLabelledIncucyteLayout() throws IOException {
        List<String> files = images(smallRun);
        assertEquals(4 * 3 * 2 * 8, files.size(), "lines x batches x positions x timepoints");
        assertEquals(files.size(), smallResult.images());
        Set<String> lines = new HashSet<>();
        Map<String, Set<String>> wellsPerBatch = new TreeMap<>();
        Map<String, Integer> framesPerSequence = new TreeMap<>();
        Map<String, Set<String>> experimentsPerBatch = new TreeMap<>();
        for (String f : files) {
            Matcher m = PATH.matcher(f);
            assertTrue(m.matches(), "unexpected file " + f);
            assertTrue(Pattern.compile("\\d{2,}d\\d{2}h\\d{2}m").matcher(f).find());
            lines.add(m.group(1));
            int batch = Integer.parseInt(m.group(2));
            assertTrue(batch >= 1 && batch <= 3, f);
            String batchKey = m.group(1) + "/" + batch;
            wellsPerBatch.computeIfAbsent(batchKey, k -> new HashSet<>()).add(m.group(4));
            experimentsPerBatch.computeIfAbsent(batchKey, k -> new HashSet<>()).add(m.group(3));
            framesPerSequence.merge(batchKey + "/" + m.group(4), 1, Integer::sum);
            assertTrue(Integer.parseInt(m.group(8)) < 60 && Integer.parseInt(m.group(7)) < 24, f);
        }
        assertEquals(Set.of("SynRound", "SynSpindle", "SynColony", "SynSpread"), lines);
        assertEquals(12, wellsPerBatch.size());
        wellsPerBatch.values().forEach(w -> assertEquals(2, w.size(), "two distinct wells per batch"));
        experimentsPerBatch.values().forEach(e -> assertEquals(1, e.size(), "one experiment id per batch"));
        Set<String> allExperiments = new HashSet<>();
        experimentsPerBatch.values().forEach(allExperiments::addAll);
        assertEquals(12, allExperiments.size(), "every batch is its own experiment");
        framesPerSequence.values().forEach(n -> assertEquals(8, n));
        assertTrue(Files.isRegularFile(smallRun.resolve(SyntheticDatasetGenerator.MANIFEST)));
    }

    @Test
    void imagesAreEightBitGrayJpegsOfTheRequestedSize() throws IOException {
        List<String> files = images(smallRun);
        for (String f : List.of(files.get(0), files.get(files.size() / 2), files.get(files.size() - 1))) {
            BufferedImage img = ImageIO.read(smallRun.resolve(f).toFile());
            assertNotNull(img, f);
            assertEquals(160, img.getWidth());
            assertEquals(120, img.getHeight());
            assertEquals(1, img.getRaster().getNumBands());
            assertEquals(8, img.getColorModel().getComponentSize(0));
            byte[] head = Files.readAllBytes(smallRun.resolve(f));
            assertEquals((byte) 0xFF, head[0]);
            assertEquals((byte) 0xD8, head[1]);
        }
    }

    @Test
    void timepointsFollowEachBatchScheduleWithIntervalsBetweenTwoAndSixHours() throws IOException {
        Map<String, List<Integer>> minutes = new TreeMap<>();
        for (String f : images(smallRun)) {
            Matcher m = PATH.matcher(f);
            assertTrue(m.matches());
            int t = Integer.parseInt(m.group(6)) * 1440 + Integer.parseInt(m.group(7)) * 60 + Integer.parseInt(m.group(8));
            minutes.computeIfAbsent(m.group(1) + "/" + m.group(2) + "/" + m.group(4), k -> new ArrayList<>()).add(t);
        }
        Map<String, Set<Integer>> intervalsPerLine = new TreeMap<>();
        Map<String, Integer> intervalPerBatch = new TreeMap<>();
        for (var e : minutes.entrySet()) {
            List<Integer> ts = e.getValue().stream().sorted().toList();
            int interval = ts.get(1) - ts.get(0);
            for (int i = 1; i < ts.size(); i++) {
                assertEquals(interval, ts.get(i) - ts.get(i - 1), "constant interval in " + e.getKey());
            }
            assertTrue(interval >= 120 && interval <= 360, "interval " + interval + " min in " + e.getKey());
            String batch = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
            Integer before = intervalPerBatch.put(batch, interval);
            assertTrue(before == null || before == interval, "positions of one batch share its schedule");
            String line = batch.substring(0, batch.indexOf('/'));
            intervalsPerLine.computeIfAbsent(line, k -> new HashSet<>()).add(interval);
        }
        assertEquals(4, intervalsPerLine.size());
        intervalsPerLine.forEach((line, s) -> assertEquals(3, s.size(), "three different intervals in " + line));
        for (List<BatchConditions> batches : smallResult.plan().batches()) {
            assertEquals(batches.size(), batches.stream().map(BatchConditions::intervalMinutes).distinct().count());
        }
    }

    @Test
    void intervalsStayDistinctForManyBatchesAndMinutesAreSometimesNonZero() {
        DatasetPlan plan = DatasetPlan.of(SyntheticSettings.defaults().withCounts(6, 40, 1, 3));
        boolean nonZeroMinutes = false;
        for (List<BatchConditions> batches : plan.batches()) {
            assertEquals(40, batches.stream().map(BatchConditions::intervalMinutes).distinct().count());
            for (BatchConditions b : batches) {
                assertTrue(b.intervalMinutes() >= 120 && b.intervalMinutes() <= 360);
                nonZeroMinutes |= b.minutesAt(1) % 60 != 0 || b.minutesAt(0) % 60 != 0;
            }
        }
        assertTrue(nonZeroMinutes);
    }

    @Test
    void batchEffectsDifferBetweenBatches() {
        for (List<BatchConditions> batches : smallResult.plan().batches()) {
            assertEquals(3, batches.stream().map(BatchConditions::brightness).distinct().count());
            assertEquals(3, batches.stream().map(BatchConditions::focusBlur).distinct().count());
            assertEquals(3, batches.stream().map(BatchConditions::noise).distinct().count());
            assertEquals(3, batches.stream().map(BatchConditions::seedingFactor).distinct().count());
            assertEquals(3, batches.stream().map(BatchConditions::gradientAngle).distinct().count());
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount(@TempDir Path dir) throws IOException {
        Path again = dir.resolve("again");
        new SyntheticDatasetGenerator(SMALL).generate(again, false, 1, ProgressListener.NONE, Cancellation.none());
        List<String> a = images(smallRun);
        assertEquals(a, images(again));
        for (String f : a) {
            assertArrayEquals(Files.readAllBytes(smallRun.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
        assertArrayEquals(Files.readAllBytes(smallRun.resolve(SyntheticDatasetGenerator.MANIFEST)),
                Files.readAllBytes(again.resolve(SyntheticDatasetGenerator.MANIFEST)));
    }

    @Test
    void differentSeedGivesDifferentImages(@TempDir Path dir) throws IOException {
        SyntheticSettings other = SMALL.withSeed(SMALL.seed() + 1).withCounts(2, 1, 1, 3);
        Path out = dir.resolve("other");
        new SyntheticDatasetGenerator(other).generate(out, false, 2, ProgressListener.NONE, Cancellation.none());
        SyntheticSettings same = SMALL.withCounts(2, 1, 1, 3);
        Path ref = dir.resolve("ref");
        new SyntheticDatasetGenerator(same).generate(ref, false, 2, ProgressListener.NONE, Cancellation.none());
        List<String> a = images(out);
        List<String> b = images(ref);
        assertEquals(6, a.size());
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            byte[] x = Files.readAllBytes(out.resolve(a.get(i)));
            byte[] y = Files.readAllBytes(ref.resolve(b.get(i)));
            differing += java.util.Arrays.equals(x, y) ? 0 : 1;
        }
        assertEquals(6, differing);
    }

    @Test
    void inMemoryRenderingMatchesTheWrittenFiles() throws IOException {
        SyntheticDatasetGenerator gen = new SyntheticDatasetGenerator(SMALL);
        SequencePlan seq = gen.plan().sequences().get(5);
        List<RenderedFrame> frames = gen.render(seq, Cancellation.none());
        for (int k : new int[] {0, 7}) {
            byte[] jpeg = JpegEncoder.encodeGray(frames.get(k).gray(), 160, 120, SMALL.jpegQuality());
            assertArrayEquals(Files.readAllBytes(smallRun.resolve(seq.relativePath(k))), jpeg);
        }
    }

    @Test
    void reportsProgressUpToTheTotal(@TempDir Path dir) throws IOException {
        AtomicLong last = new AtomicLong(-1);
        AtomicLong calls = new AtomicLong();
        AtomicLong total = new AtomicLong();
        SyntheticSettings s = SMALL.withCounts(1, 1, 2, 3);
        new SyntheticDatasetGenerator(s).generate(dir.resolve("p"), false, 2, (done, t, msg) -> {
            calls.incrementAndGet();
            total.set(t);
            last.accumulateAndGet(done, Math::max);
        }, Cancellation.none());
        assertEquals(6, total.get());
        assertEquals(6, last.get());
        assertTrue(calls.get() >= 6);
    }

    @Test
    void cancellationStopsWithoutLeavingPartialFiles(@TempDir Path dir) throws IOException {
        Cancellation cancel = new Cancellation();
        Path out = dir.resolve("c");
        SyntheticSettings s = SMALL.withCounts(2, 2, 2, 8);
        AtomicLong seen = new AtomicLong();
        assertThrows(CancellationException.class, () -> new SyntheticDatasetGenerator(s).generate(out, false, 2,
                (done, t, m) -> {
                    if (seen.incrementAndGet() > 3) {
                        cancel.cancel();
                    }
                }, cancel));
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")));
        }
        assertFalse(Files.exists(out.resolve(SyntheticDatasetGenerator.MANIFEST)));
    }

    @Test
    void refusesAFileAsOutputAndAnExistingLineFolderUnlessOverwriting(@TempDir Path dir) throws IOException {
        SyntheticSettings s = SMALL.withCounts(1, 1, 1, 2);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticDatasetGenerator(s).generate(file, false, 1, ProgressListener.NONE, Cancellation.none()));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());

        Path out = dir.resolve("out");
        SyntheticDatasetGenerator gen = new SyntheticDatasetGenerator(s);
        gen.generate(out, false, 1, ProgressListener.NONE, Cancellation.none());
        Path keep = Files.writeString(out.resolve("SynRound/batch_1/notes.txt"), "mine");
        Path stale = Files.write(out.resolve("SynRound/batch_1/VID1_A1_1_09d00h00m.jpg"), new byte[] {1});
        e = assertThrows(IllegalArgumentException.class,
                () -> gen.generate(out, false, 1, ProgressListener.NONE, Cancellation.none()));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());

        gen.generate(out, true, 1, ProgressListener.NONE, Cancellation.none());
        assertTrue(Files.exists(keep), "files that are not ours are kept");
        assertFalse(Files.exists(stale), "our old images are replaced");
        assertEquals(2, images(out).stream().filter(p -> p.endsWith(".jpg")).count());
    }

    @Test
    void settingsRejectBadValuesWithClearMessages() {
        SyntheticSettings d = SyntheticSettings.defaults();
        assertMessage(() -> d.withCounts(-1, 3, 2, 8), "lines");
        assertMessage(() -> d.withCounts(7, 3, 2, 8), "lines");
        assertMessage(() -> d.withCounts(4, -3, 2, 8), "batches");
        assertMessage(() -> d.withCounts(4, 3, 0, 8), "positions");
        assertMessage(() -> d.withCounts(4, 3, 97, 8), "positions");
        assertMessage(() -> d.withCounts(4, 3, 2, -8), "timepoints");
        assertMessage(() -> d.withSize(10, 480), "width");
        assertMessage(() -> d.withSize(640, -480), "height");
        assertMessage(() -> d.withJpegQuality(0), "JPEG quality");
        assertThrows(IllegalArgumentException.class, () -> new SyntheticDatasetGenerator(d)
                .generate(Path.of("x"), false, 0, ProgressListener.NONE, Cancellation.none()));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable ex, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().startsWith(what + " must be between"), e.getMessage());
    }

    @Test
    void timeTokensAndWells() {
        assertEquals("00d00h00m", SyntheticNames.timeToken(0));
        assertEquals("02d12h00m", SyntheticNames.timeToken(2 * 1440 + 12 * 60));
        assertEquals("01d03h30m", SyntheticNames.timeToken(1440 + 3 * 60 + 30));
        assertEquals("123d00h05m", SyntheticNames.timeToken(123 * 1440 + 5));
        assertThrows(IllegalArgumentException.class, () -> SyntheticNames.timeToken(-1));
        assertEquals("A1", SyntheticNames.well(0));
        assertEquals("H12", SyntheticNames.well(95));
        assertEquals("G7", SyntheticNames.well(6 * 12 + 6));
    }

    @Test
    void manifestRecordsTheTruth() throws IOException {
        String json = Files.readString(smallRun.resolve(SyntheticDatasetGenerator.MANIFEST));
        assertTrue(json.contains("\"synthetic\" : true"), json.substring(0, 200));
        assertTrue(json.contains("\"intervalMinutes\""));
        assertTrue(json.contains("\"coverage\""));
        for (String f : images(smallRun)) {
            assertTrue(json.contains("\"" + f + "\""), f);
        }
    }
}
