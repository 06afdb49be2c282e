package org.clanet.workbench.dataset.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scanning a 10,000-image dataset (10 lines × 5 batches × 20 positions × 10 timepoints, 704×520 JPEGs).
 * Run: see docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanBenchmark {

    Path root;

    @Setup(Level.Trial)
    public void makeDataset() throws IOException {
        root = Files.createTempDirectory("clanet-scan-bench");
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(704, 520, BufferedImage.TYPE_BYTE_GRAY), "jpg", jpeg);
        byte[] bytes = jpeg.toByteArray();
        for (int line = 0; line < 10; line++) {
            for (int batch = 1; batch <= 5; batch++) {
                Path dir = Files.createDirectories(root.resolve("LINE" + line).resolve("batch_" + batch));
                for (int pos = 0; pos < 20; pos++) {
                    for (int t = 0; t < 10; t++) {
                        String name = String.format("VID%d_%c%d_1_%02dd%02dh00m.jpg", 1000 + line * 10 + batch,
                                (char) ('A' + pos / 12), pos % 12 + 1, t * 4 / 24, t * 4 % 24);
                        Files.write(dir.resolve(name), bytes);
                    }
                }
            }
        }
    }

    @Benchmark
    public Dataset scan10k() throws IOException {
        Dataset d = DatasetScanner.scan(root);
        if (d.imageCount() != 10_000) {
            throw new IllegalStateException("expected 10000 images, got " + d.imageCount());
        }
        return d;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
