package org.clanet.workbench.embedding.vit;

import java.util.List;
import java.util.Locale;

/**
 * Shape of a Vision Transformer and of its DINO projection head. One code path serves every preset.
 *
 * @param name           preset name ({@code small/8}, {@code tiny/16}, {@code cpu}) or {@code custom}
 * @param patchSize      pixels per patch side (conv kernel and stride)
 * @param embedDim       token width
 * @param depth          transformer blocks
 * @param heads          attention heads (embedDim must be divisible)
 * @param mlpRatio       MLP hidden width / embedDim (4 published)
 * @param posImageSize   image side the learned position embedding is laid out for (224 published, so
 *                       pos_embed has (224/patch)^2 + 1 rows and is interpolated for every 112/32 crop)
 * @param dropPathRate   stochastic depth of the last block (linear from 0 over the blocks; student only)
 * @param headHidden     DINO head hidden width (2048 published)
 * @param headBottleneck DINO head bottleneck before the L2 norm (256 published)
 * @param headOut        DINO head output dimension K (65536 published)
 * @param inputMean      subtracted from every input pixel before the patch embedding (0 published)
 * @param inputStd       then divided by (1 published). The cpu preset standardises: phase-contrast patches are
 *                       a mean gray of about 0.5 with a within-patch sd of about 0.05, so unnormalised inputs
 *                       give a randomly initialised ViT nearly the same output for every patch and DINO's
 *                       centring wins over its sharpening (collapse to a uniform output, docs/EMBEDDING.md).
 *                       0 (a file written before this field existed) reads as "no normalisation".
 *                       {@link #PER_PATCH} (-1, with mean 0): every input is standardised by its own mean and sd
 *                       (floor 0.01), which also removes a batch's illumination level and contrast gain.
 */
public record VitConfig(String name, int patchSize, int embedDim, int depth, int heads, int mlpRatio,
                        int posImageSize, double dropPathRate, int headHidden, int headBottleneck, int headOut,
                        double inputMean, double inputStd) {

    /** {@code inputStd} value meaning "standardise every input by its own mean and sd". */
    public static final double PER_PATCH = -1;

    /** LayerNorm epsilon of the published ViT ({@code partial(nn.LayerNorm, eps=1e-6)}). */
    public static final float LAYER_NORM_EPS = 1e-6f;

    /** ViT-S/8 as CLANet trains it (METHOD §3): 384-d, 12 blocks, 6 heads, head 2048/2048/256/65536. */
    public static final VitConfig SMALL_8 = new VitConfig("small/8", 8, 384, 12, 6, 4, 224, 0.1, 2048, 256, 65536);

    /** Mean gray and within-patch sd of phase-contrast patches (sample data 0.48 / 0.050, LIVECell 0.50 / 0.049). */
    public static final double PHASE_CONTRAST_MEAN = 0.5;
    public static final double PHASE_CONTRAST_STD = 0.05;
    /** DINO's vit_tiny with patch 16, published head. */
    public static final VitConfig TINY_16 = new VitConfig("tiny/16", 16, 192, 12, 3, 4, 224, 0.1, 2048, 256, 65536);
    /**
     * CPU preset: patch 16, 128-d, 4 blocks, 2 heads (head width 64 as published) and a head of
     * 512/128/4096 (the 65536-d head dominates a CPU step); features 4 x 128 = 512-d. About 0.3x the work
     * of tiny/16's backbone at 6 blocks; sized for about 2 minutes per epoch of ~3,800 patches on 2 idle
     * cores (docs/EMBEDDING.md, Benchmarks). Inputs standardised per patch ({@link #PER_PATCH}): unstandardised
     * inputs keep DINO at a uniform output within a CPU budget, and a fixed (x - 0.5) / 0.05 amplifies each batch's
     * illumination level and contrast gain (batch-separated MIL 0.41 vs 0.22 top-1 with random weights on the bigger
     * generated set, docs/BENCHMARKS.md). Encoders trained with (0.5, 0.05) keep it: it is recorded in their file.
     */
    public static final VitConfig CPU = new VitConfig("cpu", 16, 128, 4, 2, 4, 224, 0.1, 512, 128, 4096,
            0, PER_PATCH);

    public static final List<VitConfig> PRESETS = List.of(SMALL_8, TINY_16, CPU);

    /** Without input normalisation (the published encoders). */
    public VitConfig(String name, int patchSize, int embedDim, int depth, int heads, int mlpRatio, int posImageSize,
                     double dropPathRate, int headHidden, int headBottleneck, int headOut) {
        this(name, patchSize, embedDim, depth, heads, mlpRatio, posImageSize, dropPathRate, headHidden,
                headBottleneck, headOut, 0, 1);
    }

    public VitConfig {
        if (inputStd == 0) {
            inputMean = 0;
            inputStd = 1;
        }
        boolean perPatch = inputStd == PER_PATCH && inputMean == 0;
        if (!perPatch && (!(inputStd > 0) || !Double.isFinite(inputMean))) {
            throw new IllegalArgumentException("input normalisation needs a finite mean and a positive sd: " + inputMean
                    + ", " + inputStd);
        }
        if (patchSize <= 0 || embedDim <= 0 || depth <= 0 || heads <= 0 || mlpRatio <= 0 || posImageSize < patchSize) {
            throw new IllegalArgumentException("invalid ViT shape: " + this);
        }
        if (embedDim % heads != 0) {
            throw new IllegalArgumentException("embedDim " + embedDim + " is not divisible by heads " + heads);
        }
    }

    public static VitConfig preset(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (VitConfig c : PRESETS) {
            if (c.name.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown encoder preset '" + name + "' (known: small/8, tiny/16, cpu)");
    }

    /** Position-embedding grid side of the stored pos_embed (28 for 224/8). */
    public int posGrid() {
        return posImageSize / patchSize;
    }

    /** Rows of pos_embed: one per patch of the posImageSize grid plus the class token. */
    public int posTokens() {
        return posGrid() * posGrid() + 1;
    }

    /** Width of {@code intermediateClassTokens(x, n)}: n class tokens concatenated. */
    public int featureDim(int lastBlocks) {
        return embedDim * lastBlocks;
    }

    public VitConfig withHead(int hidden, int bottleneck, int out) {
        return new VitConfig(name, patchSize, embedDim, depth, heads, mlpRatio, posImageSize, dropPathRate, hidden,
                bottleneck, out, inputMean, inputStd);
    }

    public VitConfig withDropPath(double rate) {
        return new VitConfig(name, patchSize, embedDim, depth, heads, mlpRatio, posImageSize, rate, headHidden,
                headBottleneck, headOut, inputMean, inputStd);
    }

    public VitConfig withName(String newName) {
        return new VitConfig(newName, patchSize, embedDim, depth, heads, mlpRatio, posImageSize, dropPathRate,
                headHidden, headBottleneck, headOut, inputMean, inputStd);
    }

    /**
     * A copy with another patch size: 8 (the published ViT-S/8's, finer texture, about 3x the work per image on the
     * cpu preset) or 16. Weights of one patch size do not fit the other.
     */
    public VitConfig withPatchSize(int size) {
        if (size != 8 && size != 16) {
            throw new IllegalArgumentException("patch size must be 8 or 16, got " + size);
        }
        return new VitConfig(name, size, embedDim, depth, heads, mlpRatio, posImageSize, dropPathRate, headHidden,
                headBottleneck, headOut, inputMean, inputStd);
    }

    /** A copy whose inputs are standardised with (mean, sd); (0, 1) is the published identity. */
    public VitConfig withInputNormalisation(double mean, double sd) {
        return new VitConfig(name, patchSize, embedDim, depth, heads, mlpRatio, posImageSize, dropPathRate,
                headHidden, headBottleneck, headOut, mean, sd);
    }

    /** Whether every input is standardised by its own mean and sd (see {@link #PER_PATCH}). */
    public boolean standardisesPerPatch() {
        return inputStd == PER_PATCH;
    }

    /** Whether inputs are changed before the patch embedding. */
    public boolean normalisesInput() {
        return inputMean != 0 || inputStd != 1;
    }

    /** e.g. "cpu: ViT 192-d, 6 blocks, 3 heads, patch 16, head 512/512/128/4096". */
    public String describe() {
        return name + ": ViT " + embedDim + "-d, " + depth + " blocks, " + heads + " heads, patch " + patchSize
                + ", head " + headHidden + "/" + headHidden + "/" + headBottleneck + "/" + headOut
                + (standardisesPerPatch() ? ", input standardised per patch"
                : normalisesInput() ? String.format(Locale.ROOT, ", input (x - %.3g) / %.3g", inputMean, inputStd) : "");
    }
}
