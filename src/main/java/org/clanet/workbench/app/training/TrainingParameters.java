package org.clanet.workbench.app.training;

/**
 * The main parameters of a training run as the dashboard's form gives them.
 *
 * @param kind   what to train: MIL (the aggregator on stored embeddings) or pretraining (the DINO encoder)
 * @param preset MIL: the features ({@link TrainingJobs#MIL_FEATURES}); pretraining: the ViT preset
 * @param epochs epochs to train (published MIL: 2000)
 * @param split  the train/test split chosen (e.g. "batch-separated, split 1")
 * @param seed   random seed (splits, sampling, initialisation)
 * @param device "CPU", "GPU 0"…
 */
public record TrainingParameters(Kind kind, String preset, int epochs, String split, long seed, String device) {

    /** What a run trains. */
    public enum Kind {
        MIL("MIL aggregator"), PRETRAINING("Encoder pretraining (DINO)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
