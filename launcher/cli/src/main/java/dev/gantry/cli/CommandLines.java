package dev.gantry.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What picocli knows about a command line that commands need beyond their own options. */
final class CommandLines {
    private CommandLines() {}

    /**
     * The whole command line as given ({@code run job.yaml --set ...}), for a command that runs
     * itself again in a driver JVM: that JVM then parses exactly what this one did.
     */
    static List<String> originalArguments(CommandSpec command) {
        return command.root().commandLine().getParseResult().originalArgs();
    }
}
