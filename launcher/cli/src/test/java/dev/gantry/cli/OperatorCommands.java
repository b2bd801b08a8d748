package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/** Commands as GantryCli makes them, with status and kill given a test's environment and registry. */
final class OperatorCommands {
    private OperatorCommands() {}

    static CommandLine.IFactory with(UnaryOperator<String> environment, ClusterRegistry registry) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == StatusCommand.class) {
                    return type.cast(new StatusCommand(environment, registry));
                }
                if (type == KillCommand.class) {
                    return type.cast(new KillCommand(environment, registry));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }
}
