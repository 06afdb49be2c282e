package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npz import/export with the published names, bad files, the TorchScript path, the PatchEncoder contract. */
class EncoderImportTest {

    static final Path RES = VitParityTest.RES;

    @TempDir
    Path tmp;

    @Test
    void exportedEncoderReadsBackWithItsConfigAndValues() throws Exception {
        VitConfig c = new VitConfig("test", 16, 48, 2, 3, 4, 224, 0.1, 64, 32, 128);
        Path f = tmp.resolve("encoder.npz");
        try (NDManager root = NDManager.newBaseManager();
             VisionTransformer vit = VisionTransformer.initialise(c, 7, root)) {
            Map<String, float[]> values = vit.values();
            EncoderWeights.write(f, c, values);
            EncoderWeights back = EncoderWeights.read(f, OptionalInt.empty());
            assertEquals(c, back.config(), "heads and head sizes come back from the recorded config");
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                assertArrayEquals(e.getValue(), back.weights().get(e.getKey()), e.getKey());
            }
        }
        // and numpy-visible names are the published ones
        Map<String, NpyArray> raw = Npz.read(f);
        assertTrue(raw.containsKey("blocks.1.attn.qkv.weight"));
        assertArrayEquals(new long[] {1, 197, 48}, raw.get("pos_embed").shape());
    }

    @Test
    void inputNormalisationIsRecordedAndEqualsNormalisingThePixels() throws Exception {
        VitConfig plain = new VitConfig("test", 16, 48, 2, 3, 4, 224, 0.0, 64, 32, 128);
        VitConfig norm = plain.withInputNormalisation(0.5, 0.05);
        Path f = tmp.resolve("normalised.npz");
        float[] px = new float[2 * 32 * 32];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (0.45 + 0.1 * r.nextDouble());
        }
        float[] standardised = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            standardised[i] = (px[i] - 0.5f) / 0.05f;
        }
        try (NDManager root = NDManager.newBaseManager();
             VisionTransformer a = VisionTransformer.initialise(norm, 7, root);
             VisionTransformer b = VisionTransformer.fromValues(plain, a.values(), root);
             NDManager m = root.newSubManager()) {
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(2, 1, 32, 32);
            float[] viaConfig = a.intermediateClassTokens(m.create(px, shape), 2).toFloatArray();
            float[] viaPixels = b.intermediateClassTokens(m.create(standardised, shape), 2).toFloatArray();
            float[] raw = b.intermediateClassTokens(m.create(px, shape), 2).toFloatArray();
            assertArrayEquals(viaPixels, viaConfig, 1e-4f, "the config standardises the input before the patch embedding");
            double diff = 0;
            for (int i = 0; i < raw.length; i++) {
                diff = Math.max(diff, Math.abs(raw[i] - viaConfig[i]));
            }
            assertTrue(diff > 1e-2, "and it changes the features (max diff " + diff + ")");
            EncoderWeights.write(f, norm, a.values());
        }
        assertEquals(norm, EncoderWeights.read(f, OptionalInt.empty()).config(), "normalisation travels with the file");
        // a config recorded before the fields existed reads as the published identity
        VitConfig legacy = org.clanet.workbench.pipeline.Json.MAPPER.readValue("{\"name\":\"cpu\",\"patchSize\":16,"
                + "\"embedDim\":48,\"depth\":2,\"heads\":3,\"mlpRatio\":4,\"posImageSize\":224,\"dropPathRate\":0.1,"
                + "\"headHidden\":64,\"headBottleneck\":32,\"headOut\":128}", VitConfig.class);
        assertEquals(0.0, legacy.inputMean());
        assertEquals(1.0, legacy.inputStd());
        assertThrows(IllegalArgumentException.class, () -> plain.withInputNormalisation(0.5, -1));
    }

    @Test
    void perPatchStandardisationIgnoresIlluminationAndContrastAndIsRecorded() throws Exception {
        VitConfig perPatch = new VitConfig("test", 16, 48, 2, 3, 4, 224, 0.0, 64, 32, 128)
                .withInputNormalisation(0, VitConfig.PER_PATCH);
        assertTrue(perPatch.standardisesPerPatch() && perPatch.describe().contains("per patch"));
        float[] px = new float[2 * 32 * 32];
        float[] brighter = new float[px.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (0.45 + 0.1 * r.nextDouble());
            brighter[i] = 1.4f * px[i] + (i < px.length / 2 ? 0.08f : -0.05f); // another gain and level per patch
        }
        Path f = tmp.resolve("per-patch.npz");
        try (NDManager root = NDManager.newBaseManager();
             VisionTransformer vit = VisionTransformer.initialise(perPatch, 7, root);
             NDManager m = root.newSubManager()) {
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(2, 1, 32, 32);
            float[] a = vit.intermediateClassTokens(m.create(px, shape), 2).toFloatArray();
            float[] b = vit.intermediateClassTokens(m.create(brighter, shape), 2).toFloatArray();
            assertArrayEquals(a, b, 2e-4f, "a patch and the same patch at another gain and level");
            EncoderWeights.write(f, perPatch, vit.values());
        }
        assertEquals(perPatch, EncoderWeights.read(f, OptionalInt.empty()).config());
    }

    @Test
    void publishedSmall8ShapesInferTheArchitecture() throws Exception {
        // a ViT-S/8 state dict's shapes: pos_embed (1, 785, 384) -> patch 8, 12 blocks, 6 heads (384/64)
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        VisionTransformer.parameterShapes(VitConfig.SMALL_8).forEach((k, s) ->
                arrays.put("backbone." + k, NpyArray.ofFloats(new float[(int) NpyArray.size(s)], s)));
        arrays.put("head.last_layer.weight_g", NpyArray.ofFloats(new float[4], 4, 1));
        Path f = tmp.resolve("dino_small8.npz");
        Npz.write(f, arrays);
        EncoderWeights w = EncoderWeights.read(f, OptionalInt.empty());
        assertEquals(8, w.config().patchSize());
        assertEquals(384, w.config().embedDim());
        assertEquals(12, w.config().depth());
        assertEquals(6, w.config().heads());
        assertEquals(785, w.config().posTokens());
        assertEquals(1536, w.config().featureDim(4));
    }

    @Test
    void wrongShapeNamesFileKeyAndBothShapes() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>(Npz.read(RES.resolve("vit_p16_d48.npz")));
        a.put("blocks.2.attn.qkv.weight", NpyArray.ofFloats(new float[144 * 47], 144, 47));
        Path f = tmp.resolve("bad_shape.npz");
        Npz.write(f, a);
        IOException e = assertThrows(IOException.class, () -> EncoderWeights.read(f, OptionalInt.of(3)));
        assertTrue(e.getMessage().contains("bad_shape.npz"), e.getMessage());
        assertTrue(e.getMessage().contains("'blocks.2.attn.qkv.weight'"), e.getMessage());
        assertTrue(e.getMessage().contains("(144, 47)") && e.getMessage().contains("(144, 48)"), e.getMessage());

        a.remove("norm.bias");
        a.put("blocks.2.attn.qkv.weight", NpyArray.ofFloats(new float[144 * 48], 144, 48));
        Npz.write(f, a);
        e = assertThrows(IOException.class, () -> EncoderWeights.read(f, OptionalInt.of(3)));
        assertTrue(e.getMessage().contains("missing key 'norm.bias'"), e.getMessage());
    }

    @Test
    void corruptAndTruncatedFilesGiveClearErrors() throws Exception {
        Path junk = tmp.resolve("junk.npz");
        Files.write(junk, "this is not a zip".getBytes());
        IOException e = assertThrows(IOException.class, () -> EncoderWeights.read(junk, OptionalInt.empty()));
        assertTrue(e.getMessage().contains("junk.npz"), e.getMessage());

        byte[] good = Files.readAllBytes(RES.resolve("vit_p16_d48.npz"));
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 3));
        e = assertThrows(IOException.class, () -> EncoderWeights.read(cut, OptionalInt.of(3)));
        assertTrue(e.getMessage().contains("cut.npz"), e.getMessage());

        Path missing = tmp.resolve("nope.npz");
        e = assertThrows(IOException.class, () -> PatchEncoders.open(missing, OptionalInt.empty(), "cpu"));
        assertTrue(e.getMessage().contains("nope.npz"), e.getMessage());

        Path badPt = tmp.resolve("broken.pt");
        Files.write(badPt, "not torchscript".getBytes());
        e = assertThrows(IOException.class, () -> PatchEncoders.open(badPt, OptionalInt.empty(), "cpu"));
        assertTrue(e.getMessage().contains("broken.pt"), e.getMessage());
    }

    @Test
    void npzEncoderAndTorchScriptEncoderGiveThePublishedFeatures() throws Exception {
        Map<String, NpyArray> io = Npz.read(RES.resolve("vit_p16_d48_io.npz"));
        List<float[]> patches = rows(io.get("input_112"));
        float[] expected = io.get("cls4_112").data();
        try (PatchEncoder npz = PatchEncoders.open(RES.resolve("vit_p16_d48.npz"), OptionalInt.of(3), "cpu");
             PatchEncoder ts = PatchEncoders.open(RES.resolve("vit_p16_d48_features.pt"), OptionalInt.empty(), "cpu")) {
            assertEquals(192, npz.dim());
            assertEquals(192, ts.dim());
            assertEquals(112, ts.inputSize());
            float[][] a = npz.encode(patches);
            float[][] b = ts.encode(patches);
            assertTrue(VitParityTest.maxAbs(flat(a), expected) <= 1e-4);
            assertTrue(VitParityTest.maxAbs(flat(b), expected) <= 1e-4, "TorchScript through DJL");
            assertArrayEquals(flat(a), flat(npz.encode(patches)), "deterministic");
            System.out.println(npz.description() + "\n" + ts.description());
        }
        // batch composition does not change a patch's features
        EncoderWeights w = EncoderWeights.read(RES.resolve("vit_p16_d48.npz"), OptionalInt.of(3));
        try (VitPatchEncoder small = new VitPatchEncoder(w.config(), w.weights(), Device.cpu(), 4, "x")) {
            float[][] c = small.encode(patches);
            assertTrue(VitParityTest.maxAbs(flat(c), expected) <= 1e-4);
        }
    }

    static List<float[]> rows(NpyArray a) {
        int n = (int) a.shape()[0];
        int per = a.data().length / n;
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(java.util.Arrays.copyOfRange(a.data(), i * per, (i + 1) * per));
        }
        return out;
    }

    static float[] flat(float[][] rows) {
        int d = rows[0].length;
        float[] f = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * d, d);
        }
        return f;
    }
}
