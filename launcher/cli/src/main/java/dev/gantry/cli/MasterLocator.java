package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Which master an operator command talks to: {@code --master}, else {@code $GANTRY_MASTER},
 * else the embedded cluster running on this machine when there is exactly one (found through
 * the registry that {@code gantry cluster start}, {@code gantry run} and {@code gantry
 * spark-submit} write). Anything else is bad input, said in one line.
 */
final class MasterLocator {
    static final String ENVIRONMENT = "GANTRY_MASTER";

    private MasterLocator() {}

    /** The master to use, as the user (or the registry) wrote it; bad input throws IllegalArgumentException. */
    static String locate(String option, UnaryOperator<String> environment, ClusterRegistry registry) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        List<ClusterRegistry.Entry> live = registry.live();
        if (live.isEmpty()) {
            throw new IllegalArgumentException("no master given and no embedded cluster running on this machine"
                    + " (use --master mesos://host:port)");
        }
        if (live.size() > 1) {
            throw new IllegalArgumentException(live.size() + " embedded clusters are running on this machine: "
                    + live.stream().map(e -> e.url() + " (pid " + e.pid() + ")").collect(Collectors.joining(", "))
                    + "; choose one with --master");
        }
        return live.get(0).url();
    }
}
