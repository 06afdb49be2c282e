package org.clanet.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clanet} command line: one subcommand per pipeline stage, sharing the workbench's code. */
@Command(name = "clanet", mixinStandardHelpOptions = true, versionProvider = ClanetCommand.Version.class,
        description = {"CLANet Workbench: identify cell lines from time-lapse brightfield images.",
            "Without a command, java -jar clanet.jar opens the workbench."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE, ExitCodes.SOME_ITEMS_FAILED_LINE,
            ExitCodes.CANCELLED_LINE},
        subcommands = {ScanCommand.class, SelectCommand.class, SampleDataCommand.class, InfoCommand.class,
            WorkspaceCommand.class, PretrainCommand.class, EmbedCommand.class, EncodersCommand.class, TrainCommand.class,
            EvaluateCommand.class, PredictCommand.class, ModelsCommand.class, SnippetsCommand.class,
            CommandLine.HelpCommand.class})
public final class ClanetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the error handling every entry point shares. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ClanetCommand());
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + describe(ex)));
            // INFO: the session log keeps the stack trace, the console shows only the message above.
            org.slf4j.LoggerFactory.getLogger(ClanetCommand.class).info("command failed", ex);
            return ExitCodes.ERROR;
        });
        cl.setParameterExceptionHandler(ClanetCommand::usageError);
        return cl;
    }

    /**
     * A usage error: the one-line reason (and picocli's "did you mean" suggestions), then where the help is; the
     * whole usage block used to follow and buried the reason.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        java.io.PrintWriter err = line.getErr();
        // "select --lst" is a typo more than a missing DIR: name the unknown option first
        CommandLine.ParseResult parsed = line.getParseResult();
        java.util.List<String> unknown = parsed == null ? java.util.List.of()
                : parsed.unmatched().stream().filter(a -> a.startsWith("-")).toList();
        if (ex instanceof CommandLine.MissingParameterException && !unknown.isEmpty()) {
            ex = new CommandLine.UnmatchedArgumentException(line, unknown);
        }
        err.println(line.getColorScheme().errorText("error: " + describe(ex)));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ClanetCommand.class.getPackage().getImplementationVersion();
            return new String[] {"CLANet Workbench " + (v == null ? "(development build)" : v)};
        }
    }
}
