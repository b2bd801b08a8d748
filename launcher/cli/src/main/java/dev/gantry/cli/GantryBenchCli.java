package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gantry} with {@code bench} only: the entry point of the GPU benchmark bundle
 * ({@code benchmarks/gpu/make-bundle.sh}), whose classpath holds this jar, picocli, Jackson and
 * JCuda but no Spark, Mesos protos or YAML. {@link GantryCli} instantiates every subcommand to parse
 * a line, and those reach for all of that; this one touches nothing beyond the benchmark's classes.
 * Same options, output and exit codes as {@code gantry bench}.
 */
@Command(name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Gantry's hardware benchmarks.",
        subcommands = {HardwareBenchCommand.class})
public final class GantryBenchCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(GantryCli.withGantryErrors(new CommandLine(new GantryBenchCli())).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
