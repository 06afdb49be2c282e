package org.clanet.workbench.selection.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.OpenCvSupport;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Mask + patch selection of one frame on one thread (OpenCV limited to the calling thread), on the shared real
 * images: {@code fullframe} = the 3 Incucyte 1408x1040 PNGs (processed 1408x890), {@code livecell} = the first 12
 * LIVECell 704x520 TIFFs. Images are decoded in the setup, not timed. Run: see docs/BENCHMARKS.md.
 * {@code -Dclanet.shared=/work/shared} points at the data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SelectionBenchmark {

    @Param({"fullframe", "livecell"})
    public String set;

    List<GrayImage> images;
    PatchSelector selector;
    SelectionParameters params;
    int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path shared = Path.of(System.getProperty("clanet.shared", "../shared"));
        Path dir = set.equals("fullframe") ? shared.resolve("real-images-fullframe") : shared.resolve("real-images");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no images at " + dir + " (set -Dclanet.shared)");
        }
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".tif")).sorted()
                    .limit(12).toList();
        }
        images = new ArrayList<>();
        for (Path f : files) {
            images.add(ImageLoader.loadProcessed(f, Preset.AUTO));
        }
        OpenCvSupport.load();
        org.opencv.core.Core.setNumThreads(1);
        selector = new PatchSelector();
        params = SelectionParameters.defaults();
    }

    @Benchmark
    public SelectionResult maskAndSelection() {
        GrayImage g = images.get(next++ % images.size());
        return selector.process(g, params);
    }

    @TearDown(Level.Trial)
    public void close() {
        selector.close();
    }
}
