package dev.gantry.cli;

import picocli.CommandLine.Command;

/**
 * {@code gantry bench} as the GPU benchmark bundle has it: {@code gpu} only, because
 * {@code bench training} needs Spark and the job classes, which the bundle leaves out.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures this machine's GPUs.",
        subcommands = {BenchGpuCommand.class})
final class HardwareBenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
