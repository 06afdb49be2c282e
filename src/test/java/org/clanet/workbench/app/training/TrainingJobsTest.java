package org.clanet.workbench.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.pipeline.flow.Pretraining;
import org.junit.jupiter.api.Test;

/** The dashboard's pretraining choices: the preset mapping, the estimate read from the flow's note, the charts. */
class TrainingJobsTest {

    private static TrainingParameters pretraining(String preset, String device) {
        return new TrainingParameters(TrainingParameters.Kind.PRETRAINING, preset, 1, null, 0, device);
    }

    @Test
    void presetChoiceMapsToVitPresets() {
        assertEquals("tiny/16", TrainingJobs.vitPreset(pretraining("tiny/16", "cpu")));
        assertEquals("small/8", TrainingJobs.vitPreset(pretraining("small/8", "cpu")));
        assertEquals("cpu", TrainingJobs.vitPreset(pretraining(TrainingJobs.VIT_AUTO, "cpu")));
        assertEquals(Pretraining.defaultPreset("auto"), TrainingJobs.vitPreset(pretraining(TrainingJobs.VIT_AUTO,
                "auto")));
        assertEquals("cpu", TrainingJobs.vitPreset(pretraining(TrainingJobs.PRESET, "cpu")), "a MIL preset left over");
        assertEquals("cpu", TrainingJobs.vitPreset(pretraining(TrainingJobs.CPU_PATCH_8, "auto")),
                "the cpu preset's DINO parameters");
        assertEquals(8, TrainingJobs.vitConfig(pretraining(TrainingJobs.CPU_PATCH_8, "auto")).patchSize());
        assertEquals(16, TrainingJobs.vitConfig(pretraining("cpu", "cpu")).patchSize());
        assertEquals(8, TrainingJobs.vitConfig(pretraining("small/8", "cpu")).patchSize());
    }

    @Test
    void theMilsFeaturesAreTheNewestEncoderOrTheTextureStatistics() {
        TrainingDashboardViewModel dashboard = new TrainingDashboardViewModel(Runnable::run);
        new TrainingJobs(dashboard, new TaskRunner(Runnable::run), Runnable::run, () -> null, 1);
        assertEquals(TrainingJobs.MIL_FEATURES, java.util.List.copyOf(dashboard.presets()));
        assertEquals(TrainingJobs.FEATURES_NEWEST, dashboard.presetProperty().get());
        assertEquals(null, TrainingJobs.encoderChoice(dashboard.parameters()), "as `clanet train` without --encoder");
        dashboard.presetProperty().set(TrainingJobs.FEATURES_TEXTURE);
        assertEquals("texture", TrainingJobs.encoderChoice(dashboard.parameters()), "as `clanet train --encoder texture`");
        dashboard.kindProperty().set(TrainingParameters.Kind.PRETRAINING);
        dashboard.kindProperty().set(TrainingParameters.Kind.MIL);
        assertEquals(TrainingJobs.FEATURES_NEWEST, dashboard.presetProperty().get(), "back to the default");
    }

    @Test
    void aKindAndAViTPresetBringTheirOwnEpochs() {
        TrainingDashboardViewModel dashboard = new TrainingDashboardViewModel(Runnable::run);
        new TrainingJobs(dashboard, new TaskRunner(Runnable::run), Runnable::run, () -> null, 1);
        dashboard.deviceProperty().set("cpu");
        assertEquals(MilParameters.DEFAULTS.epochs(), dashboard.epochsProperty().get());
        dashboard.kindProperty().set(TrainingParameters.Kind.PRETRAINING);
        int cpu = DinoParameters.forPreset("cpu").epochs();
        assertEquals(DinoParameters.CPU_EPOCHS, cpu);
        assertEquals(24, cpu, "the cpu preset's DINO epochs (docs/BENCHMARKS.md, session 7)");
        assertEquals(cpu, dashboard.epochsProperty().get(), "automatic = cpu here, not 2000 MIL epochs");
        dashboard.presetProperty().set("small/8");
        assertEquals(200, dashboard.epochsProperty().get(), "the published 200");
        dashboard.presetProperty().set(TrainingJobs.CPU_PATCH_8);
        assertEquals(cpu, dashboard.epochsProperty().get());
        dashboard.kindProperty().set(TrainingParameters.Kind.MIL);
        assertEquals(MilParameters.DEFAULTS.epochs(), dashboard.epochsProperty().get());
    }

    @Test
    void estimateComesFromTheFlowsNote() {
        String note = "ViT cpu on CPU: 40 patches, 5 steps per epoch; a step takes 0.50 s here, so about 3 s per"
                + " epoch and 3 s for 1 epochs";
        assertEquals(2.5, TrainingJobs.secondsPerEpochFromNote(note), 1e-9);
        assertTrue(Double.isNaN(TrainingJobs.secondsPerEpochFromNote("selecting patches")));
    }

    @Test
    void momentumGoesWithTheLearningRate() {
        assertEquals(TrainingDashboardViewModel.Chart.LEARNING_RATE, TrainingDashboardViewModel.Chart.of("momentum"));
        assertEquals(TrainingDashboardViewModel.Chart.LOSS, TrainingDashboardViewModel.Chart.of("epoch loss"));
    }
}
