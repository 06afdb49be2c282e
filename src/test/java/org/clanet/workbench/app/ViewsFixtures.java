package org.clanet.workbench.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.clanet.workbench.app.attention.FrameHeatmap;
import org.clanet.workbench.app.evaluation.EvaluationResult;
import org.clanet.workbench.app.evaluation.MetricsRow;
import org.clanet.workbench.app.evaluation.RocCurve;
import org.clanet.workbench.app.prediction.LineProbability;
import org.clanet.workbench.app.prediction.PredictionCard;
import org.clanet.workbench.app.training.Snippet;
import org.clanet.workbench.app.training.SnippetViewModel;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Timepoint;
import org.clanet.workbench.imaging.ImageFormat;
import org.clanet.workbench.imaging.ImageHeader;
import org.clanet.workbench.mil.heatmap.FrameAttention;
import org.clanet.workbench.mil.heatmap.PatchAttention;

/** Fake, seeded data for the issue-12 view tests and the demo launcher (no model involved). */
public final class ViewsFixtures {

    public static final List<String> LINES = List.of("A172", "BT474", "BV2", "Huh7", "MCF7", "SHSY5Y", "SKOV3",
            "SkBr3");

    private ViewsFixtures() {
    }

    /** Frame {@code index} of a fake sequence, 4 h apart, {@code w × h} pixels (the file need not exist). */
    public static Frame frame(Path dir, int index, int w, int h) {
        Timepoint t = Timepoint.ofMinutes(index * 240L);
        String name = "A549_Phase_C7_1_" + t.token() + "_1.png";
        return new Frame(dir.resolve(name), name, t, new ImageHeader(ImageFormat.PNG, w, h, 8, 1));
    }

    /**
     * A sequence's fake attention: on each frame a grid of 112×112 patches (every other cell, like a selection),
     * attention highest around a point that drifts over time, normalised to sum 1 over the whole sequence (a bag).
     */
    public static FrameHeatmap.Sequence attention(Path dir, String className, int frames, int w, int h, long seed) {
        Random rnd = new Random(seed);
        List<FrameHeatmap> out = new ArrayList<>();
        List<List<double[]>> raw = new ArrayList<>();
        double total = 0;
        for (int f = 0; f < frames; f++) {
            List<double[]> ps = new ArrayList<>();
            double cx = w * (0.3 + 0.4 * f / Math.max(1, frames - 1));
            double cy = h * 0.45;
            double frameWeight = 0.4 + Math.exp(-Math.pow((f - frames * 0.6) / (frames * 0.25 + 1), 2));
            for (int y = 0; y + 112 <= h; y += 80) {
                for (int x = 0; x + 112 <= w; x += 80) {
                    if (rnd.nextDouble() < 0.45) {
                        continue;
                    }
                    double d2 = Math.pow(x + 56 - cx, 2) + Math.pow(y + 56 - cy, 2);
                    double a = frameWeight * (Math.exp(-d2 / (2 * 130.0 * 130.0)) + 0.08 * rnd.nextDouble());
                    ps.add(new double[] {x, y, 0.5 + 0.5 * rnd.nextDouble(), a});
                    total += a;
                }
            }
            raw.add(ps);
        }
        for (int f = 0; f < frames; f++) {
            List<double[]> ps = raw.get(f);
            ps.sort((a, b) -> Double.compare(b[2], a[2])); // rank by confluency, as selection does
            List<PatchAttention> pa = new ArrayList<>();
            for (int r = 0; r < ps.size(); r++) {
                double[] p = ps.get(r);
                pa.add(new PatchAttention(r, (int) p[0], (int) p[1], 112, 112, p[2], p[3] / total));
            }
            Frame fr = frame(dir, f, w, h);
            out.add(new FrameHeatmap(fr, new FrameAttention(f, fr.fileName(), w, h, pa)));
        }
        return new FrameHeatmap.Sequence("A549_Phase_C7_1", className, out);
    }

    public static PredictionCard card(boolean unknown) {
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("Model", "MIL gated attention · 2026-11-30 10:42 · epoch 1840 of 2000");
        prov.put("Encoder", "DINO ViT-S/16 · LIVECell pretraining · 384-d");
        prov.put("Split", "batch-separated · split 1 · seed 0");
        prov.put("Trained on", "8 lines · 1,204 sequences");
        prov.put("Predicted", "2026-11-30 11:20");
        return new PredictionCard("A549 · batch_1 · C7_1 (22 frames)",
                List.of(new LineProbability("A549", unknown ? 0.31 : 0.87), new LineProbability("SKOV3", 0.07),
                        new LineProbability("MCF7", 0.03), new LineProbability("BT474", 0.02),
                        new LineProbability("Huh7", 0.01)),
                unknown, List.of("3 of 22 frames have no patches (empty field)",
                        "Frames are 2 h apart; the model was trained on 4 h intervals"), prov);
    }

    /** A diagonal-heavy confusion matrix over {@code n} classes with metrics and ROC curves from fake scores. */
    public static EvaluationResult evaluation(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes.add(i < LINES.size() ? LINES.get(i)
                    : String.format(java.util.Locale.ROOT, "line-%02d-%s", i, i % 3 == 0 ? "MDA-MB" : "HeLa"));
        }
        int[][] m = new int[n][n];
        List<RocCurve> roc = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int total = 20 + rnd.nextInt(30);
            for (int k = 0; k < total; k++) {
                int pred = rnd.nextDouble() < 0.75 ? i : (rnd.nextDouble() < 0.6 ? (i + 1) % n : rnd.nextInt(n));
                m[i][pred]++;
            }
            roc.add(roc(classes.get(i), 0.8 + 0.6 * rnd.nextDouble(), rnd));
        }
        List<MetricsRow> metrics = List.of(new MetricsRow("sequence", 0.781, 0.912, 0.955, 0.772, 0.957),
                new MetricsRow("batch", 0.875, 0.969, 1.0, 0.861, 0.981));
        return new EvaluationResult("MIL 2026-11-30 · batch-separated split 1 · test", classes, m, metrics, roc);
    }

    /** A one-vs-rest ROC curve of fake scores (positives shifted by {@code separation}), with its AUC. */
    static RocCurve roc(String name, double separation, Random rnd) {
        int pos = 40;
        int neg = 200;
        double[][] s = new double[pos + neg][2];
        for (int i = 0; i < s.length; i++) {
            boolean p = i < pos;
            s[i][0] = rnd.nextGaussian() + (p ? separation : 0);
            s[i][1] = p ? 1 : 0;
        }
        java.util.Arrays.sort(s, (a, b) -> Double.compare(b[0], a[0]));
        double[] fpr = new double[s.length + 1];
        double[] tpr = new double[s.length + 1];
        int tp = 0;
        int fp = 0;
        double auc = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i][1] == 1) {
                tp++;
            } else {
                fp++;
                auc += (double) tp / pos / neg;
            }
            fpr[i + 1] = (double) fp / neg;
            tpr[i + 1] = (double) tp / pos;
        }
        return new RocCurve(name, fpr, tpr, auc);
    }

    /** Snippets of a 22-frame sequence, 4 h apart: epoch, g, a sample of frames, weights and attention. */
    public static SnippetViewModel.Snippets snippets(int count, long seed) {
        Random rnd = new Random(seed);
        int n = 22;
        double[] hours = new double[n];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hours[i] = 4.0 * i;
            labels.add(Timepoint.ofMinutes(i * 240L).label());
        }
        List<Snippet> sn = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int g = e < 2 ? 4 : 1 + rnd.nextInt(8);
            List<Integer> frames = new ArrayList<>();
            if (g <= 4) {
                for (int i = 0; i < n; i++) {
                    frames.add(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (rnd.nextDouble() < 0.35) {
                        frames.add(i);
                    }
                }
                if (frames.isEmpty()) {
                    frames.add(rnd.nextInt(n));
                }
            }
            double[] att = new double[frames.size()];
            double sum = 0;
            for (int i = 0; i < att.length; i++) {
                att[i] = Math.exp(-Math.pow((frames.get(i) - 13) / 4.0, 2)) + 0.1 * rnd.nextDouble();
                sum += att[i];
            }
            for (int i = 0; i < att.length; i++) {
                att[i] /= sum;
            }
            double weight = g <= 4 ? 1 : (double) frames.size() / n + 0.5 * rnd.nextDouble();
            sn.add(new Snippet(e + 1, g, frames, weight, att));
        }
        return new SnippetViewModel.Snippets("A549_Phase_C7_1", hours, labels, sn);
    }
}
