package org.clanet.workbench.embedding.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchPixels;
import org.clanet.workbench.embedding.store.EmbeddingResults;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.FeatureFiles;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.stage.PrefetchingStage;
import org.clanet.workbench.pipeline.stage.StageKeys;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.StoredPatch;
import org.clanet.workbench.workspace.Workspace;

/**
 * Stage 2 per frame: the encoder's features of the frame's top-k stored patches (default 10, rank order), each the
 * 112×112 gray patch of the preset's image — the pixels selection saw — in [0,1]. The key chains the frame's
 * selection key and the encoder's id: new selection parameters, or another encoder, make it stale. Features go to a
 * file per frame (not SQLite); the reader thread decodes the next frames while the encoder runs.
 */
public final class EmbeddingStage implements PrefetchingStage<SelectionStage.Item, List<float[]>, float[][]> {

    public static final int VERSION = 1;
    public static final int DEFAULT_PATCHES = 10;

    private final Workspace workspace;
    private final EncoderRecord encoder;
    private final PatchEncoder model;
    private final Preset preset;
    private final int patchesPerFrame;
    private final Map<String, String> selectionKeys;

    /**
     * @param workspace the dataset's workspace (the frames' patches are read from it)
     */
    public EmbeddingStage(Workspace workspace, EncoderRecord encoder, PatchEncoder model, Preset preset,
                          int patchesPerFrame) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.model = Objects.requireNonNull(model, "model");
        this.preset = Objects.requireNonNull(preset, "preset");
        if (patchesPerFrame < 1) {
            throw new IllegalArgumentException("patches per frame must be >= 1");
        }
        this.patchesPerFrame = patchesPerFrame;
        this.selectionKeys = workspace.stageCache().keys(SelectionStage.STAGE);
    }

    @Override
    public String name() {
        return EmbeddingResults.STAGE;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("encoder", encoder.id());
        p.put("patches", patchesPerFrame);
        p.put("preset", preset.name());
        return p;
    }

    @Override
    public Map<String, Object> runParameters() {
        Map<String, Object> p = new LinkedHashMap<>(parameters());
        p.put("encoderName", encoder.name());
        p.put("model", model.description());
        return p;
    }

    @Override
    public String itemNoun() {
        return "frames";
    }

    @Override
    public String itemKey(SelectionStage.Item item) {
        return EmbeddingResults.itemKey(encoder.id(), item.relPath());
    }

    /** Chained: the frame's stored selection key + this encoder. A frame without a selection cannot be keyed. */
    @Override
    public String cacheKey(SelectionStage.Item item) {
        String sel = selectionKeys.get(item.relPath());
        if (sel == null) {
            throw new UncheckedIOException(new IOException("no patches yet for " + item.relPath()
                    + ": run the selection first (clanet select, or Apply to dataset)"));
        }
        return StageKeys.chained(this, Map.of(SelectionStage.STAGE, sel));
    }

    @Override
    public List<float[]> read(SelectionStage.Item item) throws IOException {
        List<StoredPatch> patches = workspace.patches().get(item.relPath());
        List<float[]> crops = new ArrayList<>();
        if (patches.isEmpty()) {
            return crops;
        }
        GrayImage img = ImageLoader.loadProcessed(item.file(), preset);
        int size = model.inputSize();
        for (StoredPatch p : patches.subList(0, Math.min(patchesPerFrame, patches.size()))) {
            crops.add(PatchPixels.crop(img, p.x(), p.y(), p.w(), p.h(), size));
        }
        return crops;
    }

    @Override
    public float[][] compute(SelectionStage.Item item, List<float[]> crops, Cancellation cancel) {
        if (crops.isEmpty()) {
            return new float[0][model.dim()];
        }
        return model.encode(crops);
    }

    @Override
    public void prepareFiles(Workspace ws, SelectionStage.Item item, String cacheKey, float[][] features)
            throws IOException {
        FeatureFiles.write(EmbeddingResults.file(ws, encoder.id(), item.relPath()), features, model.dim());
    }

    @Override
    public void store(Workspace ws, SelectionStage.Item item, String cacheKey, float[][] features) {
        // Nothing but the done mark (the runner's): the features are in their file.
    }

    @Override
    public Optional<String> note(float[][] features) {
        return features.length < patchesPerFrame
                ? Optional.of("only " + features.length + " patches (the MIL stage skips frames with fewer than "
                        + patchesPerFrame + ")")
                : Optional.empty();
    }

    @Override
    public int count(float[][] features) {
        return features.length;
    }


    /** Where the feature files of this stage go, for a frame. */
    public Path featureFile(String frameRelPath) {
        return EmbeddingResults.file(workspace, encoder.id(), frameRelPath);
    }
}
