package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.clanet.workbench.embedding.EngineStatus;
import org.clanet.workbench.pipeline.RuntimeSetup;
import org.clanet.workbench.pipeline.SessionLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the deep-learning engine and device in use, the Java runtime, and where data and logs go.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the engine loads", "1:the engine does not load (the report says why)",
            ExitCodes.USAGE_LINE})
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EngineStatus engine = EngineStatus.probe();
        Runtime rt = Runtime.getRuntime();
        out.printf("Engine:    %s%n", engine.label());
        out.printf("           %s%n", engine.detail());
        out.printf("Java:      %s (%s), %s, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vendor"), Plural.of(rt.availableProcessors(), "core"), rt.maxMemory() >> 20);
        out.printf("Limits:    frames up to %s for selection (-Dclanet.maxImagePixels to change)%n",
                org.clanet.workbench.imaging.ImageLimits.describe(
                        org.clanet.workbench.imaging.ImageLimits.maxSelectionPixels()));
        out.printf("Data:      %s%n", RuntimeSetup.dataHome());
        out.printf("DJL cache: %s%n", System.getProperty("DJL_CACHE_DIR"));
        out.printf("Log:       %s%n", SessionLog.current() == null ? "(none)" : SessionLog.current());
        out.flush();
        return engine.available() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
