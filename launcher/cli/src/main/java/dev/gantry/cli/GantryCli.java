package dev.gantry.cli;

import dev.gantry.job.JobSpecException;
import dev.gantry.service.tenancy.TenancyException;
import dev.gantry.run.JvmShutdown;
import dev.gantry.run.DriverRun;
import dev.gantry.service.client.ServiceException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gantry} command line. Exit codes: 0 success, 1 failure while running (or a service that cannot be
 * reached or fails), 2 bad input (including a request the service refuses), 3 nothing to measure
 * ({@code gantry bench gpu} without a GPU).
 */
@Command(name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Launches GPU deep-learning jobs on Apache Mesos.",
        subcommands = {RunCommand.class, StatusCommand.class, KillCommand.class, BenchCommand.class, ClusterCommand.class,
                SparkSubmitCommand.class, SubmitCommand.class, JobsCommand.class, LogsCommand.class,
                CancelCommand.class, ServeCommand.class})
public final class GantryCli implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws java.io.IOException {
        Logging.useLevelFromEnvironment();
        DriverRun.joinLauncher();
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs the CLI with commands made by {@code factory}, so tests can hand a command its collaborators. */
    static int run(CommandLine.IFactory factory, String... args) {
        CommandLine cli = new CommandLine(new GantryCli(), factory);
        // Everything after the application's jar is the application's, even what looks like our options.
        cli.getSubcommands().get("spark-submit").setStopAtPositional(true);
        return withGantryErrors(cli).execute(args);
    }

    /** Bad input gets one line naming what is wrong and exit 2, not a page of usage; failures one line and exit 1. */
    static CommandLine withGantryErrors(CommandLine cli) {
        cli.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = e.getCommandLine().getErr();
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && unmatched.getUnmatched().stream()
                    .anyMatch(arg -> arg.equals("--token") || arg.startsWith("--token="))) {
                // Picocli's message would repeat the value, the secret, that a command line must never carry.
                err.println("gantry: there is no --token option: a token on a command line is seen by every user of"
                        + " the machine; use --token-file FILE or $" + ServiceToken.ENVIRONMENT);
                return BAD_INPUT;
            }
            err.println("gantry: " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getOut().flush();
            if (JvmShutdown.underway()) {
                // Ctrl-C or a kill cut the command short, and whatever stopped it said so.
                return 1;
            }
            PrintWriter err = commandLine.getErr();
            if (e instanceof ServiceException refused) {
                // The service's own line; a wrong request (bad spec, unknown job, bad token) is bad input.
                err.println("gantry: " + refused.getMessage());
                return refused.isRequestError() ? BAD_INPUT : 1;
            }
            if (e instanceof IllegalArgumentException || e instanceof JobSpecException || e instanceof TenancyException) {
                err.println("gantry: " + e.getMessage());
                return BAD_INPUT;
            }
            err.println("gantry: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
