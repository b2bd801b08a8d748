package dev.gantry.cli;

import picocli.CommandLine.Command;

/** {@code gantry cluster}: the embedded Mesos-compatible cluster. */
@Command(name = "cluster",
        mixinStandardHelpOptions = true,
        description = "Runs Gantry's embedded Mesos-compatible cluster.",
        subcommands = {ClusterStartCommand.class, ClusterCheckCommand.class})
final class ClusterCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
