package org.clanet.workbench.selection.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionTestAccess;

/**
 * Quick single-thread timing without JMH: {@code SpeedMain ROUNDS IMAGE...}. Prints the mean and best time per image.
 */
public final class SpeedMain {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<GrayImage> imgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            imgs.add(SelectionTestAccess.loadIncucyte(Path.of(args[i])));
        }
        SelectionParameters p = SelectionParameters.defaults();
        org.clanet.workbench.selection.OpenCvSupport.load();
        org.opencv.core.Core.setNumThreads(1); // one core: OpenCV runs in the calling thread
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double cpuTotal = 0;
        try (PatchSelector s = new PatchSelector()) {
            for (GrayImage g : imgs) {
                System.out.println(s.process(g, p).info());
            }
            for (int warm = 0; warm < 60; warm++) {
                s.process(imgs.get(warm % imgs.size()), p);
            }
            SelectionTestAccess.resetProfile(); // stage timings of the measured runs only
            double best = Double.MAX_VALUE;
            double total = 0;
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (GrayImage g : imgs) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    s.process(g, p);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    cpuTotal += (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    best = Math.min(best, ms);
                    total += ms;
                    n++;
                }
            }
            System.out.println(SelectionTestAccess.profile(n));
            System.out.printf("%d runs: wall mean %.2f ms, best %.2f ms, thread CPU mean %.2f ms per image (%dx%d)%n",
                    n, total / n, best, cpuTotal / n,
                    imgs.get(0).width(), imgs.get(0).height());
        }
    }
}
