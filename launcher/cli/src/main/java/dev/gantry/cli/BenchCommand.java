package dev.gantry.cli;

import picocli.CommandLine.Command;

/** {@code gantry bench}: throughput of this machine's GPUs and of training jobs. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures throughput: this machine's GPUs, or a training job's samples/s and scaling.",
        subcommands = {BenchGpuCommand.class, BenchTrainingCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
