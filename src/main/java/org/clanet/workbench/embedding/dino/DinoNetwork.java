package org.clanet.workbench.embedding.dino;

import static org.clanet.workbench.embedding.vit.Tensors.own;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.clanet.workbench.embedding.vit.Tensors;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;

/**
 * utils.MultiCropWrapper(backbone, DINOHead): the ViT's class token per resolution group, concatenated,
 * then the head (3-layer GELU MLP -> L2 normalise -> weight-normalised linear without bias, w = g v/|v|
 * per output row). Parameter names as in the published checkpoint: {@code backbone.*}, {@code head.*}.
 */
final class DinoNetwork implements AutoCloseable {

    static final String BACKBONE = "backbone.";
    static final String LAST_LAYER = "head.last_layer.";

    private final VisionTransformer backbone;
    private final NDManager headManager;
    private final Map<String, NDArray> head;
    private final Map<String, NDArray> all;

    private DinoNetwork(VisionTransformer backbone, NDManager headManager, Map<String, NDArray> head) {
        this.backbone = backbone;
        this.headManager = headManager;
        this.head = head;
        Map<String, NDArray> a = new LinkedHashMap<>();
        backbone.parameters().forEach((k, v) -> a.put(BACKBONE + k, v));
        a.putAll(head);
        this.all = Collections.unmodifiableMap(a);
    }

    static Map<String, long[]> headShapes(VitConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("head.mlp.0.weight", new long[] {c.headHidden(), c.embedDim()});
        s.put("head.mlp.0.bias", new long[] {c.headHidden()});
        s.put("head.mlp.2.weight", new long[] {c.headHidden(), c.headHidden()});
        s.put("head.mlp.2.bias", new long[] {c.headHidden()});
        s.put("head.mlp.4.weight", new long[] {c.headBottleneck(), c.headHidden()});
        s.put("head.mlp.4.bias", new long[] {c.headBottleneck()});
        s.put("head.last_layer.weight_g", new long[] {c.headOut(), 1});
        s.put("head.last_layer.weight_v", new long[] {c.headOut(), c.headBottleneck()});
        return s;
    }

    /** Published initialisation; the backbone and head draw from one seeded stream. */
    static DinoNetwork initialise(VitConfig c, long seed, NDManager parent) {
        VisionTransformer vit = VisionTransformer.initialise(c, seed, parent);
        RandomGenerator rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : headShapes(c).entrySet()) {
            int n = (int) Tensors.volume(e.getValue());
            String k = e.getKey();
            float[] v;
            if (k.endsWith("weight_g")) {
                v = Tensors.filled(n, 1f);
            } else if (k.endsWith("weight_v")) {
                v = Tensors.uniform(rng, n, 1.0 / Math.sqrt(c.headBottleneck())); // nn.Linear default init
            } else if (k.endsWith(".bias")) {
                v = new float[n];
            } else {
                v = Tensors.truncNormal(rng, n, 0.02, -2, 2);
            }
            values.put(k, v);
        }
        NDManager hm = parent.newSubManager();
        return new DinoNetwork(vit, hm, createHead(c, values, hm));
    }

    /** From "backbone.*" and "head.*" float arrays (a checkpoint). */
    static DinoNetwork fromValues(VitConfig c, Map<String, float[]> values, NDManager parent) {
        Map<String, float[]> bb = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(BACKBONE)) {
                bb.put(k.substring(BACKBONE.length()), v);
            }
        });
        VisionTransformer vit = VisionTransformer.fromValues(c, bb, parent);
        NDManager hm = parent.newSubManager();
        return new DinoNetwork(vit, hm, createHead(c, values, hm));
    }

    private static Map<String, NDArray> createHead(VitConfig c, Map<String, float[]> values, NDManager m) {
        Map<String, NDArray> h = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : headShapes(c).entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("missing head weight " + e.getKey());
            }
            h.put(e.getKey(), m.create(v, new Shape(e.getValue())));
        }
        return h;
    }

    VisionTransformer backbone() {
        return backbone;
    }

    /** All parameters: backbone.* then head.*. */
    Map<String, NDArray> parameters() {
        return all;
    }

    Map<String, float[]> values() {
        Map<String, float[]> out = new LinkedHashMap<>();
        all.forEach((k, v) -> out.put(k, Tensors.toFloats(v)));
        return out;
    }

    /**
     * @param globals (2B, 1, 112, 112) gray views
     * @param locals  (LB, 1, 32, 32) or null (the teacher sees only global views)
     * @return (rows, K) head outputs in view order: globals then locals
     */
    NDArray forward(NDArray globals, NDArray locals, RandomGenerator dropPath) {
        return forwardWithClassTokens(globals, locals, dropPath).head();
    }

    /** Head outputs and the backbone's class tokens of the global views (for the KoLeo term). */
    record Outputs(NDArray head, NDArray globalClassTokens) {
    }

    Outputs forwardWithClassTokens(NDArray globals, NDArray locals, RandomGenerator dropPath) {
        NDArray g = backbone.forward(globals, dropPath);
        NDArray feats = locals == null ? g : NDArrays.concat(new NDList(g, backbone.forward(locals, dropPath)), 0);
        return new Outputs(head(feats), g);
    }

    NDArray head(NDArray x) {
        NDManager m = x.getManager();
        NDArray h = Activation.gelu(Linear.linear(x, p("head.mlp.0.weight"), p("head.mlp.0.bias")).singletonOrThrow());
        h = Activation.gelu(Linear.linear(h, p("head.mlp.2.weight"), p("head.mlp.2.bias")).singletonOrThrow());
        h = Linear.linear(h, p("head.mlp.4.weight"), p("head.mlp.4.bias")).singletonOrThrow();
        h = h.normalize(2, -1, 1e-12);
        NDArray v = p("head.last_layer.weight_v");
        NDArray norm = own(m, v.norm(new int[] {1}, true));
        NDArray w = own(m, v.mul(own(m, p("head.last_layer.weight_g").div(norm))));
        return Linear.linear(h, w).singletonOrThrow();
    }

    private NDArray p(String name) {
        return head.get(name);
    }

    @Override
    public void close() {
        backbone.close();
        headManager.close();
    }
}
