package org.clanet.workbench.embedding.vit;

import static org.clanet.workbench.embedding.vit.Tensors.own;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The DINO / CLANet Vision Transformer (published dino/vision_transformer.py) written on DJL NDArray
 * operations: patch-embedding conv, class token, learned position embedding resized per input exactly as
 * published (bicubic with scale factor (g+0.1)/N), pre-norm blocks (LayerNorm eps 1e-6 on the last axis,
 * qkv with bias, GELU MLP), stochastic depth, final norm.
 *
 * <p>Parameters live in this object's manager under the published PyTorch names ({@code cls_token},
 * {@code blocks.0.attn.qkv.weight}, ...). Every activation is moved to the input's manager: run each batch
 * in a sub-manager and close it.
 *
 * <p>Input: (B, 1, H, W) gray, meaning the gray patch replicated to 3 channels (the conv weights are then
 * summed over channels, which is the same sum and 3x cheaper), or (B, 3, H, W).
 */
public final class VisionTransformer implements AutoCloseable {

    private final VitConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Map<Integer, float[]> posResizeCache = new ConcurrentHashMap<>();

    private VisionTransformer(VitConfig config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = params;
    }

    /** Published names and shapes of every parameter, in state-dict order. */
    public static Map<String, long[]> parameterShapes(VitConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        int d = c.embedDim();
        int hidden = d * c.mlpRatio();
        s.put("cls_token", new long[] {1, 1, d});
        s.put("pos_embed", new long[] {1, c.posTokens(), d});
        s.put("patch_embed.proj.weight", new long[] {d, 3, c.patchSize(), c.patchSize()});
        s.put("patch_embed.proj.bias", new long[] {d});
        for (int i = 0; i < c.depth(); i++) {
            String b = "blocks." + i + ".";
            s.put(b + "norm1.weight", new long[] {d});
            s.put(b + "norm1.bias", new long[] {d});
            s.put(b + "attn.qkv.weight", new long[] {3L * d, d});
            s.put(b + "attn.qkv.bias", new long[] {3L * d});
            s.put(b + "attn.proj.weight", new long[] {d, d});
            s.put(b + "attn.proj.bias", new long[] {d});
            s.put(b + "norm2.weight", new long[] {d});
            s.put(b + "norm2.bias", new long[] {d});
            s.put(b + "mlp.fc1.weight", new long[] {hidden, d});
            s.put(b + "mlp.fc1.bias", new long[] {hidden});
            s.put(b + "mlp.fc2.weight", new long[] {d, hidden});
            s.put(b + "mlp.fc2.bias", new long[] {d});
        }
        s.put("norm.weight", new long[] {d});
        s.put("norm.bias", new long[] {d});
        return s;
    }

    /** Fresh weights initialised as published (trunc-normal 0.02 linears/tokens, torch default conv). */
    public static VisionTransformer initialise(VitConfig c, long seed, NDManager parent) {
        RandomGenerator rng = new SplittableRandom(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(c).entrySet()) {
            String name = e.getKey();
            int n = (int) Tensors.volume(e.getValue());
            float[] v;
            if (name.equals("patch_embed.proj.weight") || name.equals("patch_embed.proj.bias")) {
                // nn.Conv2d default: kaiming_uniform(a=sqrt(5)) -> U(±1/sqrt(fan_in)), bias the same bound
                v = Tensors.uniform(rng, n, 1.0 / Math.sqrt(3.0 * c.patchSize() * c.patchSize()));
            } else if (name.endsWith(".bias")) {
                v = new float[n];
            } else if (name.contains("norm")) {
                v = Tensors.filled(n, 1f);
            } else {
                v = Tensors.truncNormal(rng, n, 0.02, -2, 2);
            }
            values.put(name, v);
        }
        return fromValues(c, values, parent);
    }

    /** Builds the model from published-name float arrays (shapes already checked against the config). */
    public static VisionTransformer fromValues(VitConfig c, Map<String, float[]> values, NDManager parent) {
        NDManager m = parent.newSubManager();
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(c).entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                m.close();
                throw new IllegalArgumentException("missing weight '" + e.getKey() + "'");
            }
            NDArray a = m.create(v, new Shape(e.getValue()));
            a.setName(e.getKey());
            p.put(e.getKey(), a);
        }
        return new VisionTransformer(c, m, Collections.unmodifiableMap(p));
    }

    public VitConfig config() {
        return config;
    }

    /** The parameters under their published names (live arrays: training updates them in place). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    public NDManager manager() {
        return manager;
    }

    /** Copies every parameter out as float arrays under the published names. */
    public Map<String, float[]> values() {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, Tensors.toFloats(v)));
        return out;
    }

    /** {@code forward(x)} of the published ViT: the class token after the final norm, (B, D). */
    public NDArray forward(NDArray x, RandomGenerator dropPath) {
        List<NDArray> last = lastBlocks(x, 1, dropPath);
        return last.get(0).get(":, 0, :");
    }

    /**
     * Class token of each of the last {@code n} blocks, each after the final norm, concatenated: (B, n*D),
     * as get_patch_prediction.py builds CLANet's features from {@code get_intermediate_layers(x, 4)}.
     */
    public NDArray intermediateClassTokens(NDArray x, int n) {
        List<NDArray> outs = lastBlocks(x, n, null);
        NDList cls = new NDList();
        for (NDArray o : outs) {
            cls.add(o.get(":, 0, :"));
        }
        return NDArrays.concat(cls, 1);
    }

    /**
     * {@code get_intermediate_layers(x, n)}: the normed token outputs of the last n blocks.
     *
     * @param dropPath random source for stochastic depth, or null for none (eval, teacher, extraction)
     */
    public List<NDArray> lastBlocks(NDArray x, int n, RandomGenerator dropPath) {
        NDManager m = x.getManager();
        NDArray h = prepareTokens(x);
        List<NDArray> out = new ArrayList<>();
        int depth = config.depth();
        for (int i = 0; i < depth; i++) {
            double rate = depth == 1 ? 0 : config.dropPathRate() * i / (depth - 1);
            // One sub-manager per block: DJL frees an op's result only when its manager closes, so without
            // this every intermediate of all blocks stays alive until the batch ends (ViT-S/8, batch 32:
            // GBs). Autograd keeps its own references to what backward needs, so training is unaffected.
            try (NDManager bm = m.newSubManager()) {
                h.tempAttach(bm);
                NDArray next = block(bm, h, i, dropPath == null ? 0 : rate, dropPath);
                next.attach(m);
                h = next;
            }
            if (depth - i <= n) {
                out.add(norm(h, "norm"));
            }
        }
        return out;
    }

    private NDArray prepareTokens(NDArray x) {
        NDManager m = x.getManager();
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        NDArray w = p("patch_embed.proj.weight");
        if (channels == 1) {
            w = own(m, w.sum(new int[] {1}, true));
        } else if (channels != 3) {
            throw new IllegalArgumentException("input must have 1 (gray) or 3 channels, got " + channels);
        }
        if (config.standardisesPerPatch()) {
            int[] pixels = {1};
            NDArray flat = x.reshape(batch, -1); // DJL's PyTorch mean takes one axis
            NDArray centred = flat.sub(flat.mean(pixels, true));
            x = centred.div(centred.square().mean(pixels, true).sqrt().maximum(0.01f)).reshape(x.getShape());
        } else if (config.normalisesInput()) {
            x = x.sub(config.inputMean()).div(config.inputStd());
        }
        int ps = config.patchSize();
        NDArray tokens = Conv2d.conv2d(x, w, p("patch_embed.proj.bias"), new Shape(ps, ps), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow();
        long gh = tokens.getShape().get(2);
        long gw = tokens.getShape().get(3);
        int d = config.embedDim();
        tokens = tokens.reshape(batch, d, gh * gw).transpose(0, 2, 1);
        NDArray cls = own(m, p("cls_token").broadcast(batch, 1, d));
        NDArray seq = NDArrays.concat(new NDList(cls, tokens), 1);
        return seq.add(positionEmbedding(m, (int) gh, (int) gw, height, width));
    }

    /** interpolate_pos_encoding of the published code, as (1, 1 + gh*gw, D) in {@code m}. */
    NDArray positionEmbedding(NDManager m, int gh, int gw, long height, long width) {
        NDArray pos = p("pos_embed");
        int n = config.posGrid();
        if (gh * gw == n * n && height == width) {
            return own(m, pos.duplicate());
        }
        if (gh != gw) {
            throw new IllegalArgumentException("non-square inputs are not supported: " + height + "x" + width);
        }
        float[] k = posResizeCache.computeIfAbsent(gh, g -> {
            // scale_factor = (g + 0.1) / N as published; torch then samples with 1/scale
            double scale = (g + 0.1) / n;
            int out = BicubicResize.outputSize(n, scale);
            if (out != g) {
                throw new IllegalStateException("bicubic output " + out + " != grid " + g);
            }
            double[][] a = BicubicResize.weights(n, out, scale);
            return BicubicResize.kronecker(a, a);
        });
        NDArray kron = Tensors.torchOwned(m, k, new Shape((long) gh * gh, (long) n * n));
        NDArray clsPos = own(m, pos.get(":, 0:1, :"));
        NDArray patchPos = own(m, pos.get(":, 1:, :")).reshape((long) n * n, config.embedDim());
        NDArray resized = kron.matMul(patchPos).expandDims(0);
        return NDArrays.concat(new NDList(clsPos, resized), 1);
    }

    private NDArray block(NDManager m, NDArray x, int i, double dropRate, RandomGenerator rng) {
        String b = "blocks." + i + ".";
        NDArray y = attention(norm(x, b + "norm1"), b);
        x = x.add(dropPath(m, y, dropRate, rng));
        NDArray h = Linear.linear(norm(x, b + "norm2"), p(b + "mlp.fc1.weight"), p(b + "mlp.fc1.bias")).singletonOrThrow();
        h = Activation.gelu(h);
        h = Linear.linear(h, p(b + "mlp.fc2.weight"), p(b + "mlp.fc2.bias")).singletonOrThrow();
        return x.add(dropPath(m, h, dropRate, rng));
    }

    private NDArray attention(NDArray x, String b) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long tokens = s.get(1);
        int d = config.embedDim();
        int heads = config.heads();
        int hd = d / heads;
        NDArray qkv = Linear.linear(x, p(b + "attn.qkv.weight"), p(b + "attn.qkv.bias")).singletonOrThrow()
                .reshape(batch, tokens, 3, heads, hd).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).mul(Tensors.scalar(x.getManager(), 1.0 / Math.sqrt(hd)))
                .softmax(-1);
        NDArray o = attn.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, d);
        return Linear.linear(o, p(b + "attn.proj.weight"), p(b + "attn.proj.bias")).singletonOrThrow();
    }

    /** Per-sample stochastic depth: keep with 1 - rate, scale kept paths by 1/(1 - rate). */
    private static NDArray dropPath(NDManager m, NDArray x, double rate, RandomGenerator rng) {
        if (rate <= 0 || rng == null) {
            return x;
        }
        int batch = (int) x.getShape().get(0);
        float keep = (float) (1 - rate);
        float[] mask = new float[batch];
        for (int i = 0; i < batch; i++) {
            // floor(keep + U[0,1)) as published
            mask[i] = (float) Math.floor(keep + rng.nextFloat()) / keep;
        }
        return x.mul(Tensors.torchOwned(m, mask, new Shape(batch, 1, 1)));
    }

    private NDArray norm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.embedDim()), p(name + ".weight"), p(name + ".bias"),
                VitConfig.LAYER_NORM_EPS).singletonOrThrow();
    }

    private NDArray p(String name) {
        NDArray a = params.get(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
