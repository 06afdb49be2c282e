package org.clanet.workbench.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code sample-data/} is what the generator makes with the default settings. If this fails after a
 * change to the generator, regenerate the folder (see its README) and commit it with the change.
 */
class CommittedSampleDataTest {

    static final Path ROOT = Path.of("sample-data");

    @Test
    void isTheDefaultSetAndSmall() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "no sample-data folder in " + Path.of("").toAbsolutePath());
        long bytes;
        long images;
        try (Stream<Path> s = Files.walk(ROOT)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            images = files.stream().filter(p -> p.toString().endsWith(".jpg")).count();
            bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
        }
        assertEquals(SyntheticSettings.defaults().imageCount(), images);
        assertTrue(bytes < 12_000_000, "sample-data is " + bytes + " bytes");
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains("synthetic"), "README says the data are synthetic");
        assertTrue(readme.contains("clanet sample-data --out sample-data --seed " + SyntheticSettings.DEFAULT_SEED));
    }

    @Test
    void matchesTheGeneratorByteForByte() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "no sample-data folder");
        SyntheticSettings defaults = SyntheticSettings.defaults();
        SyntheticDatasetGenerator gen = new SyntheticDatasetGenerator(defaults);
        List<SequencePlan> seqs = gen.plan().sequences();
        for (SequencePlan seq : List.of(seqs.get(0), seqs.get(seqs.size() - 1))) {
            List<RenderedFrame> frames = gen.render(seq, Cancellation.none());
            for (int k = 0; k < frames.size(); k += 7) {
                Path file = ROOT.resolve(seq.relativePath(k));
                assertTrue(Files.isRegularFile(file), "missing " + file);
                byte[] jpeg = JpegEncoder.encodeGray(frames.get(k).gray(), defaults.width(), defaults.height(),
                        defaults.jpegQuality());
                assertArrayEquals(Files.readAllBytes(file), jpeg,
                        file + " differs from the generator's output: regenerate sample-data (see its README)");
            }
        }
    }
}
