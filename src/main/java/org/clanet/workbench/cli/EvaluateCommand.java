package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.mil.metrics.Metrics;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.flow.Evaluation;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet evaluate DIR}: a model on its own held-out test batches. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on its own test split: the batches it never saw.",
            "Sequence- and batch-level top-1/3/5, macro F1 (over the classes present), one-vs-rest ROC AUC "
                + "(over the classes present in the truth) and the confusion matrix, for the best and the last "
                + "model; written to evaluation.json and evaluation.csv in the model's folder."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:no usable model or test data; the message says why", ExitCodes.USAGE_LINE})
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The labelled dataset the model was trained on.")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--model", paramLabel = "RUN", description = "Model id (default: the newest trained model).")
    String model;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dataset dataset = DatasetOpen.scan(dir, workspaceOption.path, err, new Cancellation());
        try (Workspace ws = Workspace.open(dataset.root(), workspaceOption.path)) {
            Evaluation.Result r;
            try {
                ModelRecord m = ModelChoice.resolve(ws, model, null);
                r = Evaluation.evaluate(Pipeline.of(dataset, ws, 1), m);
            } catch (java.io.IOException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCodes.ERROR;
            }
            if (json) {
                out.println(Json.PRETTY.writeValueAsString(Evaluation.document(r.model(), r.best(), r.last(),
                        r.leftOut())));
            } else {
                out.printf("model %s on %d test sequences (%s)%n", r.model().id(), r.testSequences(),
                        String.join(", ", r.model().classes()));
                out.printf("%-6s %-9s %4s %6s %6s %6s %8s %6s%n", "model", "level", "n", "top1", "top3", "top5",
                        "macroF1", "AUC");
                print(out, "best", "sequence", r.best().sequence());
                print(out, "best", "batch", r.best().batch());
                print(out, "last", "sequence", r.last().sequence());
                print(out, "last", "batch", r.last().batch());
                out.println("confusion (best, sequences; rows = true, columns = predicted):");
                printConfusion(out, r.model().classes(), r.best().sequence().confusion());
                r.leftOut().forEach(l -> out.println("  left out: " + l));
                out.printf("wrote %s and %s%n", r.json(), r.csv());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static void print(PrintWriter out, String which, String level, Metrics.Evaluation e) {
        out.printf(Locale.ROOT, "%-6s %-9s %4d %6.3f %6.3f %6.3f %8.3f %6s%n", which, level, e.count(), e.top1(),
                e.top3(), e.top5(), e.macroF1(), Double.isNaN(e.auc()) ? "n/a"
                        : String.format(Locale.ROOT, "%.3f", e.auc()));
    }

    static void printConfusion(PrintWriter out, List<String> classes, int[][] cm) {
        int w = 4 + Math.max(6, classes.stream().mapToInt(String::length).max().orElse(6));
        out.printf("  %-" + w + "s", "");
        for (int j = 0; j < classes.size(); j++) {
            out.printf(" %4d", j + 1);
        }
        out.println();
        for (int i = 0; i < cm.length; i++) {
            out.printf("  %-" + w + "s", (i + 1) + " " + classes.get(i));
            for (int v : cm[i]) {
                out.printf(" %4d", v);
            }
            out.println();
        }
    }
}
