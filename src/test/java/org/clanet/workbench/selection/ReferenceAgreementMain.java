package org.clanet.workbench.selection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clanet.workbench.imaging.GrayImage;

/**
 * Measures agreement with the published code's output written by tools/reference/run_reference.py.
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) org.clanet.workbench.selection.ReferenceAgreementMain
 *   /tmp/ref /work/shared/real-images /work/shared/real-images-fullframe</pre>
 */
public final class ReferenceAgreementMain {

    public static void main(String[] args) throws Exception {
        Path ref = Path.of(args[0]);
        Map<String, List<List<Double>>> refPatches = new ObjectMapper().readValue(
                ref.resolve("patches.json").toFile(), new TypeReference<>() { });
        SelectionParameters p = SelectionParameters.defaults();
        List<Double> ious = new ArrayList<>();
        List<Double> matches = new ArrayList<>();
        int exactMasks = 0;
        int exactPatches = 0;
        double totalMs = 0;
        for (int a = 1; a < args.length; a++) {
            Path root = Path.of(args[a]);
            for (Path f : TestImages.images(root)) {
                String key = root.getFileName() + "/" + root.relativize(f).toString().replace('\\', '/');
                String pngKey = key.replaceAll("\\.[^.]+$", ".png");
                Path refMask = ref.resolve(pngKey);
                if (!Files.exists(refMask)) {
                    continue;
                }
                GrayImage img = TestImages.incucyte(TestImages.read8(f));
                SelectionResult r = PatchSelector.select(img, p);
                totalMs += r.info().millis();
                GrayImage rm = TestImages.read8(refMask);
                byte[] rmb = new byte[rm.pixels().length];
                for (int i = 0; i < rmb.length; i++) {
                    rmb[i] = (byte) (rm.pixels()[i] > 0.5f ? 1 : 0);
                }
                double iou = TestImages.maskIou(r.mask(), rmb);
                boolean same = true;
                for (int i = 0; i < rmb.length; i++) {
                    if ((r.mask()[i] != 0) != (rmb[i] != 0)) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    exactMasks++;
                }
                List<List<Double>> rp = refPatches.get(key);
                int matched = 0;
                for (List<Double> q : rp) {
                    Patch pq = new Patch(0, q.get(0).intValue(), q.get(1).intValue(), q.get(2).intValue(),
                            q.get(3).intValue(), q.get(4));
                    for (Patch mine : r.patches()) {
                        if (mine.iou(pq) >= 0.5) {
                            matched++;
                            break;
                        }
                    }
                }
                boolean exact = rp.size() == r.patches().size();
                for (int i = 0; exact && i < rp.size(); i++) {
                    Patch m = r.patches().get(i);
                    List<Double> q = rp.get(i);
                    exact = m.x() == q.get(0).intValue() && m.y() == q.get(1).intValue()
                            && Math.abs(m.confluency() - q.get(4)) < 1e-12;
                }
                if (exact) {
                    exactPatches++;
                }
                double match = rp.isEmpty() ? (r.patches().isEmpty() ? 1 : 0) : (double) matched / rp.size();
                ious.add(iou);
                matches.add(match);
                if (iou < 0.999 || match < 1 || !exact) {
                    System.out.printf("%-70s iou %.5f match %.3f exact %s ours %d ref %d inv %s it %d%n", key, iou,
                            match, exact, r.patches().size(), rp.size(), r.info().inverted(),
                            r.info().maskIterations());
                }
            }
        }
        double mi = ious.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
        double mn = ious.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
        double mm = matches.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
        double mmin = matches.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
        System.out.printf("images %d  mask IoU mean %.6f min %.6f  identical masks %d  patch match mean %.4f min %.4f"
                        + "  identical patch lists %d  mean ms %.1f%n", ious.size(), mi, mn, exactMasks, mm, mmin,
                exactPatches, totalMs / ious.size());
    }
}
