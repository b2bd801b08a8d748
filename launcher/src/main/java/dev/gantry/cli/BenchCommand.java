package dev.gantry.cli;

import picocli.CommandLine.Command;

/** {@code gantry bench}: measurements of this machine. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures this machine's hardware.",
        subcommands = {BenchGpuCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
