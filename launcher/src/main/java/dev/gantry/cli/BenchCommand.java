package dev.gantry.cli;

import picocli.CommandLine.Command;

/** {@code gantry bench}: throughput measurements of GPUs and of training jobs. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures throughput: a training job's samples/s and scaling.",
        subcommands = {BenchTrainingCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
